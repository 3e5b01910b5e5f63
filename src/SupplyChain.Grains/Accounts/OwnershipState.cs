namespace SupplyChain.Grains.Accounts;

/// <summary>The stored owner of a shipment or vehicle.</summary>
[GenerateSerializer, Alias("sc.OwnershipState")]
internal sealed class OwnershipState
{
    /// <summary>The owning account; null until a carrier's first write.</summary>
    [Id(0)]
    public string? Owner { get; set; }

    /// <summary>When the current owner got it (claim or transfer).</summary>
    [Id(1)]
    public DateTimeOffset Since { get; set; }

    /// <summary>A shipment's tracking token, made with its first claim.</summary>
    [Id(2)]
    public string? TrackingToken { get; set; }
}
