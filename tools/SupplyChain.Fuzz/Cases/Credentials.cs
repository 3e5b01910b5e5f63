using System.Text;

namespace SupplyChain.Fuzz.Cases;

/// <summary>
/// The authentication headers of a case: usually the key the route asks for, now and then none,
/// an unknown or the other key, or an odd rendering of one (repeated headers, bad Basic encodings).
/// </summary>
internal static class Credentials
{
    /// <summary>The headers for <paramref name="key"/> as sent, and a name for the report when they are not the plain key.</summary>
    public static (List<KeyValuePair<string, string>> Headers, string? Oddity) Pick(Random random, string? key, FuzzKeys keys)
    {
        if (random.Next(8) != 0)
        {
            return (key is null ? [] : [Header("X-Api-Key", key)], null);
        }

        var right = key ?? keys.Carrier;
        return random.Next(12) switch
        {
            0 => ([], "no key"),
            1 => ([Header("X-Api-Key", "not-a-key")], "unknown key"),
            2 => ([Header("X-Api-Key", "")], "empty key"),
            3 => ([Header("X-Api-Key", new string('k', 4096 + random.Next(40_000)))], "very long key"),
            4 => ([Header("X-Api-Key", "\u00ED\u00A0\u0080")], "key of non-ASCII bytes"),
            5 => ([Header("X-Api-Key", keys.Carrier), Header("X-Api-Key", keys.Admin)], "two X-Api-Key headers"),
            6 => ([Header("Authorization", "Bearer " + right)], "key as Bearer"),
            7 => ([Header("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + right)))], "key as Basic"),
            8 => ([Header("Authorization", "Basic !!!not-base64")], "Basic not base64"),
            9 => ([Header("Authorization", "Basic " + Convert.ToBase64String([0xED, 0xA0, 0x80, 0x3A, 0xFF]))], "Basic of invalid UTF-8"),
            10 => ([Header("X-Api-Key", right == keys.Admin ? keys.Carrier : keys.Admin)], "the other role's key"),
            _ => ([Header("X-Api-Key", "%64ev-admin")], "percent-encoded key"),
        };
    }

    /// <summary>
    /// The headers of a request with a body: the credentials for <paramref name="key"/> as <see cref="Pick"/>
    /// sends them and, usually, <paramref name="contentType"/>; each oddity is added to <paramref name="mutations"/>.
    /// </summary>
    public static List<KeyValuePair<string, string>> WithBody(Random random, string? key, FuzzKeys keys, string contentType, List<string> mutations)
    {
        var (headers, keyOddity) = Pick(random, key, keys);
        if (keyOddity is not null)
        {
            mutations.Add(keyOddity);
        }

        var (sent, typeOddity) = ContentTypes.Usually(random, contentType);
        if (typeOddity is not null)
        {
            mutations.Add(typeOddity);
        }

        if (sent is not null)
        {
            headers.Add(Header("Content-Type", sent));
        }

        return headers;
    }

    public static KeyValuePair<string, string> Header(string name, string value) => new(name, value);
}
