using System.Security.Cryptography;
using System.Text;

namespace SupplyChain.Durable.Tests.Webhooks;

/// <summary>
/// How a subscriber checks a delivery, written from the Standard Webhooks specification without the
/// platform's code: the key is the secret's base64 after <c>whsec_</c>; the signed content is
/// <c>{webhook-id}.{webhook-timestamp}.{raw body}</c>; HMAC-SHA256 of it must equal, compared in
/// constant time, one of the <c>v1,</c> entries of <c>webhook-signature</c>; and the timestamp must
/// be close to the receiver's clock.
/// </summary>
public static class SignatureCheck
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool IsGenuine(string secret, string? id, string? timestamp, string? signature, byte[] body, DateTimeOffset now)
    {
        if (id is null || signature is null || !long.TryParse(timestamp, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }

        var key = Convert.FromBase64String(secret.Replace("whsec_", string.Empty, StringComparison.Ordinal));
        var content = new byte[Encoding.UTF8.GetByteCount(id) + Encoding.UTF8.GetByteCount(timestamp) + 2 + body.Length];
        var written = Encoding.UTF8.GetBytes($"{id}.{timestamp}.", content);
        body.CopyTo(content, written);
        var expected = HMACSHA256.HashData(key, content);
        return signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(entry => entry.StartsWith("v1,", StringComparison.Ordinal))
            .Select(entry => Decode(entry[3..]))
            .Any(given => given is not null && CryptographicOperations.FixedTimeEquals(given, expected));
    }

    private static byte[]? Decode(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var length) ? bytes[..length] : null;
    }
}
