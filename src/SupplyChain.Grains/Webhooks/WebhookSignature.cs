using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// The Standard Webhooks signature: <c>v1,</c> and the base64 HMAC-SHA256 of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the secret's bytes. With several
/// secrets (a rotation's overlap) the header carries one entry per secret, space separated, as the
/// specification allows; a receiver accepts a delivery when any entry matches a secret it holds.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The <c>webhook-signature</c> value for one delivery: an entry per secret, in the order given (newest first).</summary>
    public static string Sign(IReadOnlyList<byte[]> secrets, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentOutOfRangeException.ThrowIfZero(secrets.Count);
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(secret, content))));
    }
}
