using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Benchmarks;

/// <summary>
/// Writing and reading one stream message of 500 GPS pings, as the stream providers do it through
/// Orleans' serializer: the compact form (<see cref="InboundBatchEncoding"/>, through its surrogate),
/// plain and compressed as the durable providers send it, against Orleans' general form of the same events.
/// </summary>
[MemoryDiagnoser]
public class StreamMessageBenchmarks
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(InboundBatch).Assembly))
        .BuildServiceProvider();

    private InboundBatch _batch = null!;
    private List<InboundEvent> _events = [];
    private byte[] _compact = [];
    private byte[] _compressed = [];
    private byte[] _general = [];

    [GlobalSetup]
    public void Setup()
    {
        var source = "/carriers/acme/devices/gps";
        var trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var time = DateTimeOffset.UtcNow;
        _events = [.. Enumerable.Range(0, 500).Select(i => (InboundEvent)new PingReceived(
            source, $"TRUCK-{i:D5}-{i:D6}", time.AddMilliseconds(i), $"TRUCK-{i:D5}", new GeoPoint(51 + (i / 1000.0), 4 + (i / 1000.0)), 72.5, 135, 8)
        {
            TraceParent = trace,
        })];
        _batch = new InboundBatch(_events);
        _compact = Compact.SerializeToArray(_batch);
        _compressed = WriteCompressed();
        _general = General.SerializeToArray(_events);
        Console.WriteLine($"// 500 pings: compact {_compact.Length} bytes, compressed {_compressed.Length}, general {_general.Length}");
    }

    private Serializer<InboundBatch> Compact => _services.GetRequiredService<Serializer<InboundBatch>>();

    private Serializer<List<InboundEvent>> General => _services.GetRequiredService<Serializer<List<InboundEvent>>>();

    [Benchmark(Baseline = true)]
    public byte[] WriteGeneral() => General.SerializeToArray(_events);

    [Benchmark]
    public byte[] WriteCompact() => Compact.SerializeToArray(_batch);

    /// <summary>What the batcher does with the durable providers: encode compressed, then hand the bytes to the serializer.</summary>
    [Benchmark]
    public byte[] WriteCompressed() => Compact.SerializeToArray(new InboundBatch(_events) { Encoded = InboundBatchEncoding.Encode(_events, compress: true) });

    [Benchmark]
    public List<InboundEvent> ReadGeneral() => General.Deserialize(_general)!;

    [Benchmark]
    public InboundBatch ReadCompact() => Compact.Deserialize(_compact)!;

    [Benchmark]
    public InboundBatch ReadCompressed() => Compact.Deserialize(_compressed)!;
}
