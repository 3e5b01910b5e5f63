using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.Accounts;

namespace SupplyChain.Silo.Security;

/// <summary>
/// The keys of <c>SupplyChain:Auth:ApiKeys</c>: how the first admin key is bootstrapped, and the
/// development and test keys. Hashed once and kept in this silo's memory; never written to the
/// account store, so they cannot be listed or revoked through the API (remove one from the
/// configuration and restart). Immutable and thread safe.
/// </summary>
internal sealed class ConfiguredKeys(IOptions<ApiKeyOptions> options)
{
    private readonly ConfiguredKey[] _keys = [.. options.Value.ApiKeys.Select((k, i) => new ConfiguredKey(
        KeyIdOf(i),
        k.Name ?? k.Role,
        k.Account ?? k.Name ?? k.Role,
        k.Role,
        [.. k.Sources],
        KeySecret.Hash(k.Key)))];

    /// <summary>The id a configured key's claims and logs carry: its place in the list, never its text.</summary>
    public static string KeyIdOf(int index) => string.Create(CultureInfo.InvariantCulture, $"cfg-{index}");

    /// <summary>The configured keys of <paramref name="accountId"/> (an admin's first), or none: such an account lives in configuration.</summary>
    public IEnumerable<ConfiguredKey> OfAccount(string accountId) =>
        _keys.Where(k => k.Account == accountId).OrderBy(k => k.Role == Roles.Admin ? 0 : 1);

    /// <summary>The configured key whose hash is <paramref name="hash"/>, or null; each comparison takes the same time.</summary>
    public ConfiguredKey? Find(byte[] hash)
    {
        ConfiguredKey? found = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(key.Hash, hash))
            {
                found ??= key;
            }
        }

        return found;
    }
}
