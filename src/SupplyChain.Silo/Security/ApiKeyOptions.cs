namespace SupplyChain.Silo.Security;

/// <summary>The API keys, bound from <c>SupplyChain:Auth</c>.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SupplyChain:Auth";

    /// <summary>The keys that work for the <c>X-Api-Key</c> header.</summary>
    public List<ApiKey> ApiKeys { get; set; } = [];
}

/// <summary>One API key.</summary>
public sealed class ApiKey
{
    /// <summary>Who holds the key, for logs and audits (never the key itself).</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The carrier account the key belongs to (an identifier): what the key's writes claim and may change.
    /// Defaults to <see cref="Name"/>, so keys configured before accounts keep one account each.
    /// </summary>
    public string? Account { get; set; }

    /// <summary>The secret sent in <c>X-Api-Key</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary><c>carrier</c> or <c>admin</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>For carriers: the CloudEvent <c>source</c> prefixes the key may post for; <c>*</c> allows any.</summary>
    public List<string> Sources { get; set; } = [];
}
