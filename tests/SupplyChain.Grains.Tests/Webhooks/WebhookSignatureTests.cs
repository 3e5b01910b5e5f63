using System.Security.Cryptography;
using System.Text;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>The <c>webhook-signature</c> header, checked against HMACs computed here from the specification.</summary>
public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt-1","type":"SupplyChain.Delivered"}""");
    private static readonly byte[] NewSecret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] OldSecret = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    [Fact]
    public void OneSecret_OneV1Entry()
    {
        var header = WebhookSignature.Sign([NewSecret], "evt-1", 1_700_000_000, Body);

        Assert.Equal("v1," + Expected(NewSecret, "evt-1", 1_700_000_000), header);
    }

    [Fact]
    public void TwoSecrets_TwoEntriesSpaceSeparated_NewestFirst_EachVerifies()
    {
        var header = WebhookSignature.Sign([NewSecret, OldSecret], "evt-1", 1_700_000_000, Body);

        var entries = header.Split(' ');
        Assert.Equal(2, entries.Length);
        Assert.Equal("v1," + Expected(NewSecret, "evt-1", 1_700_000_000), entries[0]);
        Assert.Equal("v1," + Expected(OldSecret, "evt-1", 1_700_000_000), entries[1]);
        Assert.NotEqual(entries[0], entries[1]);
    }

    [Fact]
    public void TwoSecrets_EachEntryCoversIdTimestampAndBody()
    {
        var header = WebhookSignature.Sign([NewSecret, OldSecret], "evt-1", 1_700_000_000, Body);

        Assert.NotEqual(header, WebhookSignature.Sign([NewSecret, OldSecret], "evt-2", 1_700_000_000, Body));
        Assert.NotEqual(header, WebhookSignature.Sign([NewSecret, OldSecret], "evt-1", 1_700_000_001, Body));
        Assert.NotEqual(header, WebhookSignature.Sign([NewSecret, OldSecret], "evt-1", 1_700_000_000, [.. Body, (byte)' ']));
    }

    [Fact]
    public void NoSecret_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookSignature.Sign([], "evt-1", 1_700_000_000, Body));

    private static string Expected(byte[] secret, string id, long timestamp) =>
        Convert.ToBase64String(HMACSHA256.HashData(secret, (byte[])[.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. Body]));
}
