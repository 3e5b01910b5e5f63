using System.Security.Claims;
using SupplyChain.Ingestion.Ownership;

namespace SupplyChain.Silo.Security;

/// <summary>
/// An authenticated key as a claims identity (name, role, account, key id, sources), with what
/// ingestion asks of it (<see cref="Writer"/>) worked out once. Built once per key and shared by its
/// requests (<see cref="KeyIdentities"/>): a device posting a ping a second would otherwise rebuild
/// the same claims, lists and predicates on every request. Never changed after construction, so
/// concurrent requests may read it. The lookups every request makes (role, account, key id, name)
/// are answered from fields: <see cref="ClaimsIdentity"/>'s own walk over its claims allocates.
/// </summary>
internal sealed class KeyIdentity : ClaimsIdentity
{
    private readonly (string Name, string Role, string Account, IEnumerable<string> Given, string[] Sources) _made;
    private readonly Claim[] _single;

    public KeyIdentity(string name, string role, string account, string keyId, IEnumerable<string> sources)
        : this([new(ClaimTypes.Name, name), new(ClaimTypes.Role, role), new(Roles.AccountClaim, account), new(Roles.KeyIdClaim, keyId)], sources, sources.ToArray())
    {
    }

    private KeyIdentity(Claim[] single, IEnumerable<string> given, string[] sources)
        : base([.. single, .. sources.Select(s => new Claim(Roles.SourceClaim, s))], ApiKeyAuthenticationHandler.SchemeName)
    {
        _single = single;
        _made = (single[0].Value, single[1].Value, single[2].Value, given, sources);
        Principal = new ClaimsPrincipal(this);
        Writer = SourcePermissions.WriterOf(_made.Role, _made.Account, sources);
    }

    /// <summary>The principal of every request the key authenticates.</summary>
    public ClaimsPrincipal Principal { get; }

    /// <summary>The key's role.</summary>
    public string Role => _made.Role;

    /// <summary>The key's account.</summary>
    public string Account => _made.Account;

    /// <summary>The key's id.</summary>
    public string KeyId => _single[3].Value;

    /// <summary>The key as ingestion sees it.</summary>
    public EventWriter Writer { get; }

    /// <summary>Whether this identity says what the arguments say: a key whose account changed is built afresh.</summary>
    public bool Describes(string name, string role, string account, IEnumerable<string> sources) =>
        _made.Name == name && _made.Role == role && _made.Account == account
        && (ReferenceEquals(_made.Given, sources) || _made.Sources.SequenceEqual(sources, StringComparer.Ordinal));

    /// <inheritdoc />
    public override Claim? FindFirst(string type) => Single(type) ?? base.FindFirst(type);

    /// <inheritdoc />
    public override bool HasClaim(string type, string value) => Single(type) is { } claim ? claim.Value == value : base.HasClaim(type, value);

    /// <summary>The claim of a type the key has exactly one of (name, role, account, key id); null for the others.</summary>
    private Claim? Single(string type)
    {
        foreach (var claim in _single)
        {
            if (string.Equals(claim.Type, type, StringComparison.OrdinalIgnoreCase))
            {
                return claim;
            }
        }

        return null;
    }
}
