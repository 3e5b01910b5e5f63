using System.Security.Cryptography;
using System.Text;

namespace SupplyChain.Testing;

/// <summary>
/// A receiver's check of a delivery, written from the Standard Webhooks specification and sharing
/// nothing with the platform's code, as docs/webhooks.md tells a receiver to check: the key is the
/// secret's base64 after <c>whsec_</c>; the signed content is
/// <c>{webhook-id}.{webhook-timestamp}.{raw body}</c>; its HMAC-SHA256 must equal, compared in
/// constant time, one of the space-separated <c>v1,</c> entries of <c>webhook-signature</c>; and the
/// timestamp must lie within the tolerance of the receiver's clock. The tests' receiver and the
/// webhook receiver tool (tools/SupplyChain.WebhookReceiver, which compiles this file) both check
/// with it. Thread safe.
/// </summary>
public static class StandardWebhooksVerifier
{
    /// <summary>Null when the delivery is genuine at <paramref name="now"/>, else why not.</summary>
    public static string? Check(string secret, string? id, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }

        if (!long.TryParse(timestamp, out var seconds))
        {
            return "webhook-timestamp is not a number";
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > tolerance)
        {
            return $"webhook-timestamp is {age.TotalSeconds:0} s off (tolerance {tolerance.TotalSeconds:0} s)";
        }

        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[signed.Length + body.Length];
        signed.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(signed.Length));
        var expected = HMACSHA256.HashData(key, content);
        foreach (var entry in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var given = new byte[expected.Length];
            if (entry.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(entry[3..], given, out var written) && written == given.Length
                && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return null;
            }
        }

        return "no v1 signature matches";
    }

    /// <summary>Whether a delivery with these headers (names in lower case) and body is genuine at <paramref name="now"/>.</summary>
    public static bool Verify(string secret, IReadOnlyDictionary<string, string> headers, string body, DateTimeOffset now, TimeSpan tolerance) =>
        Check(secret, headers.GetValueOrDefault("webhook-id"), headers.GetValueOrDefault("webhook-timestamp"),
            headers.GetValueOrDefault("webhook-signature"), Encoding.UTF8.GetBytes(body), now, tolerance) is null;
}
