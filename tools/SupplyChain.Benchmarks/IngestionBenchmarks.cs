using System.Text;
using BenchmarkDotNet.Attributes;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Streams;
using SupplyChain.Ingestion;
using SupplyChain.Ingestion.Reading;
using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Benchmarks;

/// <summary>
/// Decoding and validating a batched request of 500 GPS pings, and partitioning their keys. Decoding
/// is measured with the platform's reader and, for comparison, with the CloudEvents SDK's formatter,
/// for a <c>time</c> written as is and as System.Text.Json writers escape it (<c>+</c> as <c>\u002B</c>),
/// which clients built on it send and which once missed the reader's fast path.
/// </summary>
[MemoryDiagnoser]
public class IngestionBenchmarks
{
    private static readonly JsonEventFormatter Sdk = new();
    private readonly CloudEventRequestReader _reader = new(Options.Create(new IngestionOptions()));
    private readonly InboundEventValidator _validator = new(Options.Create(new IngestionOptions()), TimeProvider.System);
    private byte[] _body = [];
    private ReceivedEvents? _decoded;
    private string[] _keys = [];

    [Params(false, true)]
    public bool EscapedTime { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var written = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var time = EscapedTime ? written.Replace("+", "\\u002B", StringComparison.Ordinal) : written;
        var events = Enumerable.Range(0, 500).Select(i =>
            "{\"specversion\":\"1.0\",\"id\":\"p-" + i + "\",\"source\":\"/carriers/acme/devices/gps\",\"type\":\"SupplyChain.GpsPing\",\"time\":\"" + time
            + "\",\"datacontenttype\":\"application/json\",\"data\":{\"vehicleId\":\"TRUCK-" + i + "\","
            + FormattableString.Invariant($"\"lat\":{51 + i / 1000.0},\"lon\":{4 + i / 1000.0}") + ",\"speedKmh\":72.5,\"headingDeg\":135,\"accuracyM\":8}}");
        _body = Encoding.UTF8.GetBytes("[" + string.Join(",", events) + "]");
        _decoded = Decode().GetAwaiter().GetResult();
        _keys = [.. Enumerable.Range(0, 500).Select(i => "TRUCK-" + i)];
    }

    [GlobalCleanup]
    public void Cleanup() => _decoded?.Dispose();

    [Benchmark]
    public async Task<int> Decode500()
    {
        using var received = await Decode();
        return received.Events.Count;
    }

    /// <summary>The same body through the SDK's formatter, as the platform decoded it before its own reader.</summary>
    [Benchmark]
    public int Decode500WithTheSdk() => Sdk.DecodeBatchModeMessage(_body, contentType: null, extensionAttributes: null).Count;

    [Benchmark]
    public int Validate500()
    {
        var valid = 0;
        InboundEvent? previous = null;
        foreach (var e in _decoded!.Events)
        {
            if (_validator.Validate(e!, previous, out _) is { } inbound)
            {
                previous = inbound;
                valid++;
            }
        }

        return valid;
    }

    [Benchmark]
    public int Partition500()
    {
        var sum = 0;
        foreach (var key in _keys)
        {
            sum += StreamPartitioner.PartitionOf(key, 8);
        }

        return sum;
    }

    private Task<ReceivedEvents> Decode()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/cloudevents-batch+json";
        context.Request.ContentLength = _body.Length;
        context.Request.Body = new MemoryStream(_body, writable: false);
        return _reader.ReadAsync(context.Request, CancellationToken.None);
    }
}
