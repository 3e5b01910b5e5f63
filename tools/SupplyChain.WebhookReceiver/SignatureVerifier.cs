using System.Security.Cryptography;
using System.Text;

namespace SupplyChain.WebhookReceiver;

/// <summary>
/// Checks a delivery the way docs/webhooks.md tells a receiver to: HMAC-SHA256 of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> keyed with the base64-decoded secret (after
/// <c>whsec_</c>), compared in constant time with each <c>v1,</c> entry of <c>webhook-signature</c>,
/// and a timestamp within the tolerance. Thread safe.
/// </summary>
internal sealed class SignatureVerifier(string secret, TimeSpan tolerance)
{
    private readonly byte[] _key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);

    /// <summary>Null when the delivery is genuine, else why not.</summary>
    public string? Check(string? id, string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }

        if (!long.TryParse(timestamp, out var seconds))
        {
            return "webhook-timestamp is not a number";
        }

        var age = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > tolerance)
        {
            return $"webhook-timestamp is {age.TotalSeconds:0} s off (tolerance {tolerance.TotalSeconds:0} s)";
        }

        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[signed.Length + body.Length];
        signed.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(signed.Length));
        var expected = HMACSHA256.HashData(_key, content);
        foreach (var entry in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(entry[3..], new byte[32], out var written) && written == 32
                && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(entry[3..]), expected))
            {
                return null;
            }
        }

        return "no v1 signature matches";
    }
}
