using System.Collections.Concurrent;

namespace SupplyChain.Silo.Security;

/// <summary>
/// The identity of each key that authenticated, by key id, built on its first request and again
/// only when what it says changes (the account's role or sources). Holds no secret and decides
/// nothing: the key is checked on every request before its identity is looked up here. Thread safe.
/// </summary>
internal sealed class KeyIdentities
{
    /// <summary>More keys than any deployment has active; past it the cache starts over rather than grow.</summary>
    internal const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, KeyIdentity> _byKeyId = new(StringComparer.Ordinal);

    /// <summary>The identity of key <paramref name="keyId"/> as the arguments describe it.</summary>
    public KeyIdentity Of(string name, string role, string account, string keyId, IReadOnlyCollection<string> sources)
    {
        if (_byKeyId.TryGetValue(keyId, out var known) && known.Describes(name, role, account, sources))
        {
            return known;
        }

        if (_byKeyId.Count >= Capacity)
        {
            _byKeyId.Clear();
        }

        return _byKeyId[keyId] = new KeyIdentity(name, role, account, keyId, sources);
    }
}
