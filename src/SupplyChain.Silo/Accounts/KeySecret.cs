using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SupplyChain.Silo.Accounts;

/// <summary>
/// The secrets of issued keys: <c>sck_{keyId}_{secret}</c>, where the key id is 16 lowercase hex
/// digits (8 random bytes) and the secret 32 random bytes in base64url (256 bits). The key id finds the
/// stored key; the whole string's SHA-256 is compared with the stored hash.
/// <para>
/// A plain SHA-256 suffices here, where a password would need a slow, salted hash: the secret is 256
/// random bits, so there is no dictionary to try and no way to guess it from its hash faster than
/// trying 2^255 values, salt or not; a slow hash would only cost the silo CPU on every request.
/// </para>
/// </summary>
internal static class KeySecret
{
    /// <summary>What every issued key starts with, so a leaked one is recognisable (secret scanners, logs).</summary>
    public const string Prefix = "sck_";

    /// <summary>Characters of a key id.</summary>
    public const int KeyIdLength = 16;

    /// <summary>Characters of the secret shown in listings' hints.</summary>
    public const int HintLength = 4;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>Random bytes of the secret part.</summary>
    private const int SecretBytes = 32;

    /// <summary>A new key id and its secret.</summary>
    public static (string KeyId, string Secret) New()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return (keyId, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>SHA-256 of the presented key's UTF-8 bytes: 32 bytes whatever its length, so comparisons take the same time.</summary>
    public static byte[] Hash(string presented) => SHA256.HashData(Encoding.UTF8.GetBytes(presented));

    /// <summary>The key id in <paramref name="presented"/>, when it has the shape of an issued key.</summary>
    public static bool TryKeyId(string presented, out string keyId)
    {
        keyId = string.Empty;
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal)
            || presented.Length <= Prefix.Length + KeyIdLength + 1
            || presented[Prefix.Length + KeyIdLength] != '_')
        {
            return false;
        }

        var candidate = presented.AsSpan(Prefix.Length, KeyIdLength);
        if (!IsKeyId(candidate))
        {
            return false;
        }

        keyId = candidate.ToString();
        return true;
    }

    /// <summary>Whether <paramref name="value"/> has the shape of a key id (a route's <c>{keyId}</c>).</summary>
    public static bool IsKeyId(ReadOnlySpan<char> value) => value.Length == KeyIdLength && !value.ContainsAnyExcept(HexDigits);

    /// <summary>How listings show a key: its prefix and id, then the secret's last characters.</summary>
    public static string HintOf(string keyId, string secret) => $"{Prefix}{keyId}_…{secret[^HintLength..]}";
}
