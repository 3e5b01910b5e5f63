namespace SupplyChain.Silo.Security;

/// <summary>
/// The configured API keys, bound from <c>SupplyChain:Auth</c>: the first admin key of a deployment,
/// and the development and test keys. They are hashed at start and kept in memory, never written to
/// the account store; keys for carriers are issued through <c>/api/accounts/{id}/keys</c> instead.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Auth";

    /// <summary>The keys that work for the <c>X-Api-Key</c> header.</summary>
    public List<ApiKey> ApiKeys { get; set; } = [];
}

/// <summary>One API key.</summary>
public sealed class ApiKey
{
    /// <summary>Who holds the key, for logs and audits (never the key itself).</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The account the key belongs to: what the key's writes claim and may change. When given it must
    /// be an account id (the identifier rule); it may also name an account made through the accounts
    /// API, whose privacy settings then apply. Defaults to <see cref="Name"/>, so keys configured
    /// before accounts keep one account each.
    /// </summary>
    public string? Account { get; set; }

    /// <summary>The secret sent in <c>X-Api-Key</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary><c>carrier</c>, <c>admin</c>, <c>viewer</c> (ops reads only) or <c>metrics</c> (the Prometheus endpoint only).</summary>
    public string Role { get; set; } = "";

    /// <summary>For carriers: the CloudEvent <c>source</c> prefixes the key may post for; <c>*</c> allows any.</summary>
    public List<string> Sources { get; set; } = [];
}
