namespace SupplyChain.Silo.RateLimiting;

/// <summary>
/// One key's or account's own limits; each one left out is the role's. An entry names either a
/// configured key (<see cref="Name"/>) or an account made through the accounts API
/// (<see cref="Account"/>), whose keys share the limits.
/// </summary>
public sealed class KeyRateLimit
{
    /// <summary>The key's <c>Name</c> in <c>SupplyChain:Auth:ApiKeys</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The id of an account made through the accounts API (instead of <see cref="Name"/>).</summary>
    public string? Account { get; set; }

    /// <summary>Whom the entry limits: the caller id the rate limits go by (<see cref="Account"/>, else <see cref="Name"/>).</summary>
    internal string Caller => Account ?? Name;

    /// <summary>Requests per second.</summary>
    public int? RequestsPerSecond { get; set; }

    /// <summary>Requests at once before the per-second rate applies.</summary>
    public int? RequestBurst { get; set; }

    /// <summary>Events per second on <c>POST /api/events</c>.</summary>
    public int? EventsPerSecond { get; set; }

    /// <summary>Events at once before the per-second rate applies.</summary>
    public int? EventBurst { get; set; }
}
