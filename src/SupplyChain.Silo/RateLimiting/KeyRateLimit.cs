namespace SupplyChain.Silo.RateLimiting;

/// <summary>One key's own limits; each one left out is the role's.</summary>
public sealed class KeyRateLimit
{
    /// <summary>The key's <c>Name</c> in <c>SupplyChain:Auth:ApiKeys</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Requests per second.</summary>
    public int? RequestsPerSecond { get; set; }

    /// <summary>Requests at once before the per-second rate applies.</summary>
    public int? RequestBurst { get; set; }

    /// <summary>Events per second on <c>POST /api/events</c>.</summary>
    public int? EventsPerSecond { get; set; }

    /// <summary>Events at once before the per-second rate applies.</summary>
    public int? EventBurst { get; set; }
}
