using System.Security.Cryptography;
using System.Text;

namespace SupplyChain.Silo.Tests.Webhooks;

/// <summary>
/// A receiver's check of a delivery, written here from the Standard Webhooks specification and
/// sharing nothing with the platform's code: strip <c>whsec_</c> and base64-decode the secret; sign
/// <c>{webhook-id}.{webhook-timestamp}.{raw body}</c> with HMAC-SHA256; compare, in constant time,
/// with each space-separated <c>v1,</c> entry of <c>webhook-signature</c>; refuse timestamps off by
/// more than the tolerance.
/// </summary>
public static class StandardWebhooksVerifier
{
    public static bool Verify(string secret, IReadOnlyDictionary<string, string> headers, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!headers.TryGetValue("webhook-id", out var id) || !headers.TryGetValue("webhook-timestamp", out var timestampText)
            || !headers.TryGetValue("webhook-signature", out var signatures) || !long.TryParse(timestampText, out var timestamp))
        {
            return false;
        }

        if (Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).TotalSeconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        using var hmac = new HMACSHA256(key);
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestampText}.{body}"));
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || entry[..comma] != "v1")
            {
                continue;
            }

            byte[] given;
            try
            {
                given = Convert.FromBase64String(entry[(comma + 1)..]);
            }
            catch (FormatException)
            {
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return true;
            }
        }

        return false;
    }
}
