namespace SupplyChain.Grains.Accounts;

/// <summary>
/// The stored holders of a vehicle or of a tracking number's shipments. The first holder keeps the
/// fields it had before tracking numbers were per account, so stored owners carry over.
/// </summary>
[GenerateSerializer, Alias("sc.OwnershipState")]
internal sealed class OwnershipState
{
    /// <summary>The first holder's account; null until a carrier's first write.</summary>
    [Id(0)]
    public string? Owner { get; set; }

    /// <summary>When the first holder got it (claim or transfer).</summary>
    [Id(1)]
    public DateTimeOffset Since { get; set; }

    /// <summary>The first holder's tracking token, made with its claim.</summary>
    [Id(2)]
    public string? TrackingToken { get; set; }

    /// <summary>The accounts that used the tracking number after the first, each with a shipment of its own.</summary>
    [Id(3)]
    public List<LaterHolder> Later { get; set; } = [];
}

/// <summary>An account holding its own shipment of a tracking number another account used first.</summary>
[GenerateSerializer, Alias("sc.LaterHolder")]
internal sealed class LaterHolder
{
    /// <summary>The holding account.</summary>
    [Id(0)]
    public string Account { get; set; } = "";

    /// <summary>Its shipment's grain key, made with the claim and kept across transfers.</summary>
    [Id(1)]
    public string Key { get; set; } = "";

    /// <summary>When the account got it.</summary>
    [Id(2)]
    public DateTimeOffset Since { get; set; }

    /// <summary>Its shipment's tracking token.</summary>
    [Id(3)]
    public string TrackingToken { get; set; } = "";
}
