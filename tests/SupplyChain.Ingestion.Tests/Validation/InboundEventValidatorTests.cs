using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Domain.Shipments;
using SupplyChain.Ingestion.Reading;
using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Ingestion.Tests.Validation;

public sealed class InboundEventValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly InboundEventValidator Validator = new(Options.Create(new IngestionOptions()), new FakeTimeProvider(Now));

    [Fact]
    public void Validate_AttributesMissing_NamesEachOneInOrder()
    {
        var received = new ReceivedEvent { Id = "1", Source = "/test" };

        Assert.Null(Validator.Validate(received, null, out var error));

        Assert.Equal("Missing required attribute(s): type, time.", error);
    }

    [Fact]
    public void Validate_NoAttributeMissing_GoesOnToTheData()
    {
        var received = new ReceivedEvent
        {
            Id = "1", Source = "/test", Type = "SupplyChain.GpsPing", Time = Now, DataKind = JsonValueKind.String,
        };

        Assert.Null(Validator.Validate(received, null, out var error));

        Assert.Equal("data must be a JSON object.", error);
    }

    /// <summary>Every kind of bad field, each refused with a message that names the field.</summary>
    public static TheoryData<string, string, string> BadFields => new()
    {
        { "an id over its bound", "id:" + new string('i', 257), "id has 257 characters" },
        { "a source with a space", "source:/carriers/acme x", "source has a character at position 15" },
        { "a source with a dot segment", "source:/carriers/acme/../beta", "'..' path segments" },
        { "a source with an encoded dot segment", "source:/carriers/acme/%2E%2E/beta", "'..' path segments" },
        { "a source with a stray percent", "source:/carriers/%zz", "percent-encoded" },
        { "a source over its bound", "source:/" + new string('s', 512), "source has 513 characters" },
        { "a time at the start of the calendar", "time:0001-01-01T00:00:00Z", "days in the past" },
        { "a time beyond the past window", "time:2026-10-31T11:59:59Z", "30 days in the past" },
        { "a time in the future", "time:2026-12-01T12:05:01Z", "minutes in the future" },
        { "a tracking number over its bound", "trackingNumber:" + new string('1', 65), "data.trackingNumber has 65 characters" },
        { "a tracking number with a path in it", "trackingNumber:../../etc/passwd", "data.trackingNumber does not start with a letter or digit" },
        { "a tracking number with a control character", "trackingNumber:1Z\u0007X", "data.trackingNumber has a character that is not allowed at position 3" },
        { "a tracking number with a space", "trackingNumber:1Z 999", "data.trackingNumber has a character" },
        { "a facility id with a slash", "facilityId:RTM/1", "data.facilityId has a character" },
        { "a vehicle id over its bound", "vehicleId:" + new string('V', 65), "data.vehicleId has 65 characters" },
        { "a note over its bound", "note:" + new string('n', 2001), "data.note has 2001 characters" },
        { "a note with a control character", "note:ok\u0000not", "data.note holds a control character" },
        { "a subject that differs", "subject:" + new string('S', 5000), "(5000 characters) differs from data.trackingNumber" },
        { "a data member named twice", "raw:{\"trackingNumber\":\"1Z1\",\"trackingNumber\":\"1Z2\",\"scanType\":\"PickedUp\"}", "data has the wrong shape" },
        { "a data string that is not text", "raw:{\"trackingNumber\":\"1Z\\ud800\",\"scanType\":\"PickedUp\"}", "data has the wrong shape" },
        { "an unknown reason code", "raw:{\"trackingNumber\":\"1Z1\",\"scanType\":\"Exception\",\"reasonCode\":\"Aliens\"}", "data.reasonCode 'Aliens' is unknown; expected one of AddressIssue, RecipientUnavailable" },
        { "a reason code in the wrong case", "raw:{\"trackingNumber\":\"1Z1\",\"scanType\":\"Exception\",\"reasonCode\":\"damaged\"}", "data.reasonCode 'damaged' is unknown" },
        { "a reason code on a pickup", "raw:{\"trackingNumber\":\"1Z1\",\"scanType\":\"PickedUp\",\"reasonCode\":\"Damaged\"}", "data.reasonCode is for Exception, DeliveryAttempted and ReturnedToSender scans, not PickedUp" },
        { "a reason code that is not a string", "raw:{\"trackingNumber\":\"1Z1\",\"scanType\":\"Exception\",\"reasonCode\":3}", "data has the wrong shape" },
        { "proof of delivery on a pickup", "raw:{\"trackingNumber\":\"1Z1\",\"scanType\":\"PickedUp\",\"proofOfDelivery\":{\"signedBy\":\"X\"}}", "data.proofOfDelivery is for Delivered scans, not PickedUp" },
        { "a proof photo over http", "raw:" + Delivered("\"photoUrl\":\"http://pod.example.com/1.jpg\""), "data.proofOfDelivery.photoUrl must be an absolute https URL" },
        { "a relative proof photo", "raw:" + Delivered("\"photoUrl\":\"/photos/1.jpg\""), "data.proofOfDelivery.photoUrl must be an absolute https URL" },
        { "a proof signature with credentials", "raw:" + Delivered("\"signatureUrl\":\"https://u:p@pod.example.com/1.png\""), "data.proofOfDelivery.signatureUrl must not carry a user name" },
        { "a proof URL over its bound", "raw:" + Delivered("\"photoUrl\":\"https://pod.example.com/" + new string('a', 2030) + "\""), "data.proofOfDelivery.photoUrl has 2054 characters; at most 2048" },
        { "a proof URL with a space", "raw:" + Delivered("\"photoUrl\":\"https://pod.example.com/a b.jpg\""), "data.proofOfDelivery.photoUrl must be printable ASCII" },
        { "a signer over its bound", "raw:" + Delivered("\"signedBy\":\"" + new string('n', 101) + "\""), "data.proofOfDelivery.signedBy has 101 characters" },
        { "an empty signer", "raw:" + Delivered("\"signedBy\":\"\""), "data.proofOfDelivery.signedBy has 0 characters" },
        { "a signer with a control character", "raw:" + Delivered("\"signedBy\":\"J\\u0000S\""), "data.proofOfDelivery.signedBy contains control characters" },
    };

    [Fact]
    public void Validate_AnExceptionWithAReasonCode_CarriesTheReason()
    {
        var scan = Validator.Validate(
            Scan("raw:{\"trackingNumber\":\"1Z1\",\"scanType\":\"DeliveryAttempted\",\"reasonCode\":\"RecipientUnavailable\"}"), null, out var error)
            as ScanReceived;

        Assert.True(scan is not null, error);
        Assert.Equal(ExceptionReason.RecipientUnavailable, scan.Reason);
        Assert.Null(scan.Proof);
    }

    [Fact]
    public void Validate_ADeliveryWithProof_CarriesTheProof()
    {
        var scan = Validator.Validate(
            Scan("raw:" + Delivered("\"signedBy\":\"J. Smit\",\"photoUrl\":\"https://pod.example.com/p/1.jpg?sig=abc%20d\"")), null, out var error)
            as ScanReceived;

        Assert.True(scan is not null, error);
        Assert.Equal(new ProofOfDelivery("J. Smit", "https://pod.example.com/p/1.jpg?sig=abc%20d", null), scan.Proof);
        Assert.Null(scan.Reason);
    }

    [Fact]
    public void Validate_AnEmptyProof_IsNoProof()
    {
        var scan = Validator.Validate(Scan("raw:" + Delivered("")), null, out var error) as ScanReceived;

        Assert.True(scan is not null, error);
        Assert.Null(scan.Proof);
    }

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Validate_ABadField_IsRefusedNamingIt(string kind, string change, string fragment)
    {
        var received = Scan(change);

        Assert.Null(Validator.Validate(received, null, out var error));

        Assert.True(error?.Contains(fragment, StringComparison.Ordinal), $"{kind}: {error}");
        Assert.True(error!.Length < 600, $"{kind}: the message repeats the value ({error.Length} characters)");
    }

    public static TheoryData<string, string> BadPings => new()
    {
        { "{\"vehicleId\":\"V 1\",\"lat\":1,\"lon\":1}", "data.vehicleId has a character" },
        { "{\"vehicleId\":\"V1\",\"lat\":1,\"lon\":1,\"speedKmh\":2000.5}", "data.speedKmh 2000.5 is outside [0, 2000]" },
        { "{\"vehicleId\":\"V1\",\"lat\":1,\"lon\":1,\"accuracyM\":1e7}", "data.accuracyM 10000000 is outside" },
        { "{\"vehicleId\":\"V1\",\"lat\":1,\"lon\":1,\"lat\":2}", "data has the wrong shape" },
    };

    [Theory]
    [MemberData(nameof(BadPings))]
    public void Validate_ABadPingField_IsRefusedNamingIt(string data, string fragment)
    {
        var received = new ReceivedEvent
        {
            Id = "p-1", Source = "/carriers/acme", Type = "SupplyChain.GpsPing", Time = Now,
            DataKind = JsonValueKind.Object, Data = Encoding.UTF8.GetBytes(data),
        };

        Assert.Null(Validator.Validate(received, null, out var error));

        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TheLargestValidScan_FitsOneStreamMessage()
    {
        var note = string.Concat(Enumerable.Repeat("\u20ac", EventLimits.MaxNoteLength));
        var url = "https://pod.example.com/" + new string('u', ProofOfDelivery.MaxUrlLength - 24);
        var received = Scan("raw:" + JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["trackingNumber"] = "1Z999AA10123456784", ["scanType"] = "Delivered", ["facilityId"] = "RTM-1",
            ["vehicleId"] = "TRUCK-17", ["note"] = note, ["location"] = new { lat = -89.123456789, lon = 179.123456789 },
            ["proofOfDelivery"] = new { signedBy = string.Concat(Enumerable.Repeat("\u20ac", ProofOfDelivery.MaxSignedByLength)), photoUrl = url, signatureUrl = url },
        }));
        received.Id = new string('\u20ac', EventLimits.MaxIdLength);
        received.Source = "/" + new string('s', EventLimits.MaxSourceLength - 1);
        received.TraceState = new string('t', EventLimits.MaxExtensionValueLength);

        var scan = Validator.Validate(received, null, out var error);

        Assert.True(scan is not null, error);
        Assert.InRange(InboundBatchEncoding.SizeBound(scan, null), 0, IngestionOptions.DefaultMaxEventBytes);
        Assert.True(IngestionOptions.DefaultMaxEventBytes <= StreamOptions.DefaultMaxMessageBytes);
    }

    [Fact]
    public void Validate_AnEventBoundBelowTheFields_RefusesWhatWouldNotFit()
    {
        var tight = new InboundEventValidator(Options.Create(new IngestionOptions { MaxEventBytes = 200 }), new FakeTimeProvider(Now));

        Assert.Null(tight.Validate(Scan("note:" + new string('n', 300)), null, out var error));

        Assert.Contains("more than 200 bytes in a stream message", error, StringComparison.Ordinal);
    }

    /// <summary>A Delivered scan's data with the given members of its proof of delivery.</summary>
    private static string Delivered(string proofMembers) =>
        "{\"trackingNumber\":\"1Z1\",\"scanType\":\"Delivered\",\"proofOfDelivery\":{" + proofMembers + "}}";

    /// <summary>A good scan with one change: "field:value" for an attribute or data field, "raw:json" for the whole data.</summary>
    private static ReceivedEvent Scan(string change)
    {
        var (field, value) = (change[..change.IndexOf(':', StringComparison.Ordinal)], change[(change.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var data = new Dictionary<string, object?>
        {
            ["trackingNumber"] = "1Z999AA10123456784", ["scanType"] = "PickedUp", ["facilityId"] = "RTM-1", ["vehicleId"] = "TRUCK-17",
        };
        var received = new ReceivedEvent
        {
            Id = "s-1", Source = "/carriers/acme/scanners/rtm-1", Type = "SupplyChain.ItemScanned", Time = Now.AddMinutes(-1),
            DataKind = JsonValueKind.Object,
        };
        switch (field)
        {
            case "id": received.Id = value; break;
            case "source": received.Source = value; break;
            case "subject": received.Subject = value; break;
            case "time": received.Time = DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "raw": break;
            default: data[field] = value; break;
        }

        received.Data = Encoding.UTF8.GetBytes(field == "raw" ? value : JsonSerializer.Serialize(data));
        return received;
    }
}
