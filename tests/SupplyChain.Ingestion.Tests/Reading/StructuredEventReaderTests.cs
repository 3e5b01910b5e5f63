using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents.SystemTextJson;
using CsCheck;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Ingestion.Reading;
using SupplyChain.Ingestion.Tracing;
using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Ingestion.Tests.Reading;

/// <summary>
/// The reader decides as the CloudEvents SDK's own JSON formatter does: random events, good and bad in
/// every attribute, through both, must be accepted or refused alike and, when accepted, become the same
/// message. Fixed cases pin down what is the reader's own: request-level errors and every bad event by index.
/// </summary>
public sealed class StructuredEventReaderTests
{
    private static readonly JsonEventFormatter Sdk = new();
    /// <summary>The events' times lie around the start of 2026; the validator judges them from then.</summary>
    private static readonly InboundEventValidator Validator =
        new(Options.Create(new IngestionOptions()), new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)));

    private const string Ping = """{"vehicleId":"TRUCK-1","lat":51.92,"lon":4.48,"speedKmh":72.5}""";

    /// <summary>
    /// Each attribute's values as raw JSON: those a good event may carry (null leaves the attribute out),
    /// then those that are wrong in some way.
    /// </summary>
    private static readonly (string Name, string?[] Good, string[] Bad)[] Attributes =
    [
        ("specversion", ["\"1.0\""], ["\"0.3\"", "1", "null", "\"\""]),
        ("id", ["\"p-1\"", "\"p-\\u00e9\""], ["\"\"", "5", "null", "\"a\\u0001b\"", "\"\\ufffe\""]),
        ("source", ["\"/carriers/acme\"", "\"https://acme.test/gps?x=1\"", "\"urn:acme:gps\""], ["\"\"", "\"http://[bad\"", "3", "{}", "null"]),
        ("type", ["\"SupplyChain.GpsPing\""], ["\"SupplyChain.ItemScanned\"", "\"Other\"", "7", "[]", "null"]),
        // Escaped forms too: System.Text.Json's writers send a + offset as \u002B.
        ("time", ["\"2026-01-01T10:00:00Z\"", "\"2026-01-01T10:00:00.123+02:00\"", "\"2026-01-01T10:00:00.1234567\\u002B00:00\"", "\"2026-01-01T1\\u0030:00:00Z\""],
            ["\"2026-13-01T00:00:00Z\"", "\"yesterday\"", "5", "null", "\"2099-01-01T00:00:00Z\"", "\"2026-01-01T10:00:00\\u002B15:00\"", "\"2026-01-01T10:00:00\\u002B02:00 \""]),
        ("datacontenttype", ["\"application/json\"", "\"application/vnd.acme+json; charset=utf-8\"", null], ["\"text/plain\"", "\" application/json\"", "\"application/json; charset\"", "5"]),
        ("subject", ["\"TRUCK-1\"", "null", null], ["\"TRUCK-2\"", "\"\"", "true"]),
        ("dataschema", ["\"https://schemas.test/ping\"", null], ["\"/relative\"", "5", "\"\""]),
        ("traceparent", ["\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"", "\"garbage\"", "5", "true", null], ["{}", "1.5"]),
        ("tracestate", ["\"acme=1\"", "false", null], ["[]"]),
        ("partitionkey", ["\"k\"", "12", "true", "null", null], ["2.5", "{}", "99999999999", "\"\\u0007\""]),
        ("Bad-Name", [null], ["\"v\"", "null"]),
        ("data", [Ping, """{"vehicleId":"TRUCK-1","lat":51.92,"lon":4.48,"headingDeg":359.5,"accuracyM":3}"""],
            ["""{"trackingNumber":"1Z1","scanType":"PickedUp"}""", """{"vehicleId":5}""", """{"vehicleId":"TRUCK-1","lat":91,"lon":4}""", "\"text\"", "[]", "null"]),
        ("data_base64", [null], ["\"aGVsbG8=\"", "\"!!\"", "5", "null"]),
    ];

    /// <summary>Events with every attribute good, most of the time, and one or more wrong otherwise, their properties in any order.</summary>
    private static readonly Gen<string> EventJson =
        Gen.Select(Gen.Int[0, 7].Array[Attributes.Length], Gen.Int.Array[Attributes.Length], Gen.Int[0, 1000].Array[Attributes.Length])
            .Select((faults, picks, order) =>
            {
                var properties = Attributes
                    .Select((a, i) => (
                        Order: order[i],
                        a.Name,
                        Value: faults[i] == 0 ? a.Bad[(int)((uint)picks[i] % a.Bad.Length)] : a.Good[(int)((uint)picks[i] % a.Good.Length)]))
                    .Where(p => p.Value is not null)
                    .OrderBy(p => p.Order)
                    .Select(p => $"\"{p.Name}\":{p.Value}");
                return "{" + string.Join(",", properties) + "}";
            });

    [Fact]
    public void AnyEvent_IsDecidedAsTheSdkDecidesIt()
    {
        var accepted = 0;
        EventJson.Sample(json =>
        {
            var ours = ReadOurs(json);
            var sdk = ReadWithSdk(json);
            if (sdk.Read is { } expected)
            {
                Assert.True(ours.Read is not null, $"The SDK reads {json}, the reader refuses it: {ours.Error}");
                AssertSame(expected, ours.Read!);
            }

            Assert.True(
                Equals(Outcome(sdk.Read), Outcome(ours.Read)),
                $"{json}: the SDK's reading gives {Outcome(sdk.Read)}, the reader's {Outcome(ours.Read)} ({sdk.Error ?? ours.Error})");
            if (Outcome(ours.Read) is InboundEvent)
            {
                Interlocked.Increment(ref accepted);
            }
        }, iter: 4000);

        // A generator that made only bad events would compare nothing but refusals.
        Assert.InRange(accepted, 200, 3800);
    }

    /// <summary>Any events in one batch are read as each would be alone: one event's errors never spill into the next.</summary>
    [Fact]
    public void AnyBatch_ReadsEachEventAsItWouldBeReadAlone()
    {
        Gen.Select(EventJson, EventJson, EventJson).Sample((a, b, c) =>
        {
            string[] events = [a, b, c];
            var (batch, batchErrors) = StructuredEventReader.ReadBatch(Utf8("[" + string.Join(",", events) + "]"), maxEvents: 10);

            Assert.Equal(events.Length, batch.Count);
            for (var i = 0; i < events.Length; i++)
            {
                var alone = ReadOurs(events[i]);
                Assert.Equal(alone.Error, batchErrors.SingleOrDefault(e => e.Index == i)?.Message);
                if (alone.Read is { } expected)
                {
                    AssertSame(expected, batch[i] ?? throw new InvalidOperationException($"Event {i} of the batch was not read: {events[i]}"));
                }
            }

            Assert.All(batchErrors, e => Assert.InRange(e.Index, 0, events.Length - 1));
        }, iter: 1000);
    }

    [Fact]
    public void ABatch_ReportsEveryBadEventByIndex_AndReadsTheRest()
    {
        var good = Event("p-1", Ping);
        var body = $"[{good},{{\"specversion\":\"1.0\",\"id\":\"p-2\",\"source\":5,\"partitionkey\":{{\"a\":[1]}}}},7,{Event("p-4", Ping)}]";

        var (events, errors) = StructuredEventReader.ReadBatch(Utf8(body), maxEvents: 10);

        Assert.Equal(4, events.Count);
        Assert.NotNull(events[0]);
        Assert.Null(events[1]);
        Assert.Null(events[2]);
        Assert.Equal("p-4", events[3]!.Id);
        Assert.Equal([1, 2], errors.Select(e => e.Index));
        Assert.Equal("p-2", errors[0].Id);
        Assert.Contains("source", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("JSON object", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABatch_SharesOneSourceStringAcrossItsEvents()
    {
        var (events, _) = StructuredEventReader.ReadBatch(Utf8($"[{Event("p-1", Ping)},{Event("p-2", Ping)}]"), maxEvents: 10);

        Assert.Same(events[0]!.Source, events[1]!.Source);
    }

    [Theory]
    [InlineData("[", "not valid JSON")]
    [InlineData("[{\"specversion\":\"1.0\"}] x", "not valid JSON")]
    [InlineData("[{\"specversion\":\"1.0\",}]", "not valid JSON")]
    [InlineData("{\"specversion\":\"1.0\"}", "JSON array")]
    [InlineData("[]", "empty")]
    [InlineData("", "not valid JSON")]
    public void ABadBatch_IsRefusedAsAWhole(string body, string fragment)
    {
        var refused = Assert.Throws<IngestionRejectedException>(() => StructuredEventReader.ReadBatch(Utf8(body), maxEvents: 10));

        Assert.Equal(400, refused.Status);
        Assert.Contains(fragment, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABatchOverTheLimit_IsRefusedWithItsCount()
    {
        var body = "[" + string.Join(",", Enumerable.Range(0, 5).Select(i => Event("p-" + i, Ping))) + "]";

        var refused = Assert.Throws<IngestionRejectedException>(() => StructuredEventReader.ReadBatch(Utf8(body), maxEvents: 3));

        Assert.Equal(413, refused.Status);
        Assert.Contains("holds 5 events; at most 3", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1]", "one JSON object")]
    [InlineData("{\"a\":", "not valid JSON")]
    [InlineData("{} {}", "not valid JSON")]
    public void ABadStructuredBody_IsRefusedAsAWhole(string body, string fragment)
    {
        var refused = Assert.Throws<IngestionRejectedException>(() => StructuredEventReader.ReadStructured(Utf8(body)));

        Assert.Contains(fragment, refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Where a bad string goes in an event: each attribute's value, an extension's name and value.</summary>
    public static TheoryData<string> Places =>
    [
        """{"specversion":"1.0","id":"BAD","source":"/s","type":"SupplyChain.GpsPing","time":"2026-01-01T10:00:00Z"}""",
        """{"specversion":"1.0","id":"p","source":"/sBAD","type":"SupplyChain.GpsPing","time":"2026-01-01T10:00:00Z"}""",
        """{"specversion":"1.0","id":"p","source":"/s","subject":"BAD","type":"SupplyChain.GpsPing","time":"2026-01-01T10:00:00Z"}""",
        """{"specversion":"1.BAD","id":"p","source":"/s","type":"SupplyChain.GpsPing","time":"2026-01-01T10:00:00Z"}""",
        """{"specversion":"1.0","id":"p","source":"/s","type":"SupplyChain.GpsPingBAD","time":"2026-01-01T10:00:00Z"}""",
        """{"specversion":"1.0","id":"p","source":"/s","type":"SupplyChain.GpsPing","time":"2026-01-01T10:00:00BAD"}""",
        """{"specversion":"1.0","id":"p","source":"/s","type":"SupplyChain.GpsPing","time":"2026-01-01T10:00:00Z","exBAD":"v"}""",
        """{"specversion":"1.0","id":"p","source":"/s","type":"SupplyChain.GpsPing","time":"2026-01-01T10:00:00Z","ext":"vBAD"}""",
        """{"specversion":"1.0","id":"p","source":"/s","type":"SupplyChain.GpsPing","time":"2026-01-01T10:00:00Z","traceparent":"BAD"}""",
        """{"specversion":"1.0","id":"p","source":"/s","type":"SupplyChain.GpsPing","time":"2026-01-01T10:00:00Z","datacontenttype":"application/jsonBAD"}""",
    ];

    [Theory]
    [MemberData(nameof(Places))]
    public void AnUnpairedSurrogate_AnywhereInTheEnvelope_RefusesThatEventOnly(string template)
    {
        var bad = Encoding.UTF8.GetBytes(template.Replace("BAD", "\\ud800", StringComparison.Ordinal));

        AssertOnlyTheFirstRefused(bad);
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void InvalidUtf8_AnywhereInTheEnvelope_RefusesThatEventOnly(string template)
    {
        var parts = template.Split("BAD");
        byte[] bad = [.. Encoding.UTF8.GetBytes(parts[0]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(parts[1])];

        AssertOnlyTheFirstRefused(bad);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("time")]
    [InlineData("data")]
    [InlineData("partitionkey")]
    public void AnAttributeNamedTwice_IsRefused(string name)
    {
        var json = Event("p-1", Ping)[..^1] + $",\"{name}\":" + (name == "data" ? Ping : "\"2026-01-01T10:00:00Z\"") + "}";
        if (name == "partitionkey")
        {
            json = json[..^1] + ",\"partitionkey\":\"b\"}";
        }

        var (read, error) = ReadOurs(json);

        Assert.Null(read);
        Assert.Contains($"'{name}' appears more than once", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventOverTheByteBound_IsRefusedWithItsSize_AndTheRestOfTheBatchRead()
    {
        var big = Event("p-1", Ping)[..^1] + ",\"padding\":\"" + new string('x', 2000) + "\"}";

        var (events, errors) = StructuredEventReader.ReadBatch(Utf8($"[{big},{Event("p-2", Ping)}]"), maxEvents: 10, maxEventBytes: 1024);

        Assert.Null(events[0]);
        Assert.Equal("p-2", events[1]!.Id);
        var error = Assert.Single(errors);
        Assert.Contains("at most 1024 are allowed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"averyveryverylongname1\":\"v\"", "at most 20 characters")]
    [InlineData("\"ext\":\"{LONG}\"", "at most 512 are allowed")]
    [InlineData("\"tracestate\":\"{LONG}\"", "at most 512 are allowed")]
    [InlineData("{MANY}", "at most 16 extension attributes")]
    public void ExtensionsOutsideTheirBounds_AreRefused(string extension, string fragment)
    {
        extension = extension
            .Replace("{LONG}", new string('v', 513), StringComparison.Ordinal)
            .Replace("{MANY}", string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"x{i}\":1")), StringComparison.Ordinal);
        var json = Event("p-1", Ping)[..^1] + "," + extension + "}";

        var (read, error) = ReadOurs(json);

        Assert.Null(read);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    /// <summary>The bad event first, a good one after it in the same batch, and the bad one alone in structured mode.</summary>
    private static void AssertOnlyTheFirstRefused(byte[] bad)
    {
        byte[] batch = [(byte)'[', .. bad, (byte)',', .. Encoding.UTF8.GetBytes(Event("p-2", Ping)), (byte)']'];

        var (events, errors) = StructuredEventReader.ReadBatch(batch, maxEvents: 10);
        var (alone, aloneErrors) = StructuredEventReader.ReadStructured(bad);

        Assert.Null(events[0]);
        Assert.Equal(0, Assert.Single(errors).Index);
        Assert.Equal("p-2", events[1]!.Id);
        Assert.Null(alone[0]);
        Assert.Single(aloneErrors);
    }

    private static string Event(string id, string data) =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"/carriers/acme","type":"SupplyChain.GpsPing","time":"2026-01-01T10:00:00Z","data":{{data}}}""";

    private static ReadOnlyMemory<byte> Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static (ReceivedEvent? Read, string? Error) ReadOurs(string json)
    {
        var (events, errors) = StructuredEventReader.ReadStructured(Utf8(json));
        return (events[0], errors.Count > 0 ? errors[0].Message : null);
    }

    /// <summary>The SDK's reading of one event, as the reader's result type, so that one validator can judge both.</summary>
    private static (ReceivedEvent? Read, string? Error) ReadWithSdk(string json)
    {
        using var document = JsonDocument.Parse(json);
        try
        {
            var e = Sdk.ConvertFromJsonElement(document.RootElement, DistributedTracing.Attributes);
            var data = e.Data as JsonElement?;
            var read = ReceivedEvent.WithAttributesOf(e);
            read.DataKind = data?.ValueKind ?? (e.Data is null ? JsonValueKind.Undefined : JsonValueKind.String);
            read.Data = data is { ValueKind: JsonValueKind.Object } d ? Encoding.UTF8.GetBytes(d.GetRawText()) : default;
            return (read, null);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return (null, ex.Message);
        }
    }

    private static object Outcome(ReceivedEvent? read) =>
        read is not null && Validator.Validate(read, null, out _) is InboundEvent accepted ? accepted : "refused";

    private static void AssertSame(ReceivedEvent expected, ReceivedEvent actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Subject, actual.Subject);
        Assert.Equal(expected.Time, actual.Time);
        Assert.Equal(expected.DataContentType, actual.DataContentType);
        Assert.Equal(expected.TraceParent, actual.TraceParent);
        Assert.Equal(expected.TraceState, actual.TraceState);
        Assert.Equal(expected.DataKind, actual.DataKind);
        Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
    }
}
