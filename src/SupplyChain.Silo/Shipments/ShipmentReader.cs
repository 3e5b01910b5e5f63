using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Events;
using SupplyChain.Silo.Events;

namespace SupplyChain.Silo.Shipments;

/// <summary>Which shipment one reader reads and how it sees it, decided once per request by <see cref="ShipmentAudience"/>.</summary>
/// <param name="Key">The shipment's grain key; null when the reader sees none (an unknown number, a missing or wrong tracking token: the two look the same).</param>
/// <param name="Full">Whether the reader sees all of it (its owner, ops); otherwise the consignee's view.</param>
/// <param name="Precision">The precision of positions in the consignee's view.</param>
/// <param name="Account">For a full view: the owning account, null while nobody owns it.</param>
/// <param name="TrackingToken">For a full view: the token of the shipment's public link.</param>
/// <param name="Carriers">When the number names several accounts' shipments and the reader named none: those accounts.</param>
internal sealed record ShipmentReader(
    string? Key, bool Full, PositionPrecision Precision, string? Account = null, string? TrackingToken = null, IReadOnlyList<string>? Carriers = null)
{
    /// <summary>A reader who sees no shipment of the number.</summary>
    public static ShipmentReader Unknown { get; } = new(null, false, PositionPrecision.Hidden);

    /// <summary>Whether the reader sees a shipment.</summary>
    public bool Sees => Key is not null;

    /// <summary>Ops or the owner: the whole shipment.</summary>
    public static ShipmentReader Whole(string key, Owner? owner) => new(key, true, PositionPrecision.Exact, owner?.Account, owner?.TrackingToken);

    /// <summary>Everyone else: the consignee's view.</summary>
    public static ShipmentReader Consignee(string key, PositionPrecision precision) => new(key, false, precision);

    /// <summary>A number several accounts use, read without naming one.</summary>
    public static ShipmentReader Ambiguous(IReadOnlyList<string> carriers) => new(null, false, PositionPrecision.Hidden, Carriers: carriers);

    /// <summary>The shipment as this reader sees it.</summary>
    public ShipmentResponse View(ShipmentResponse full) => Full
        ? full with { Account = Account, TrackingLink = TrackingToken is null ? null : $"/track/{Uri.EscapeDataString(full.TrackingNumber)}?token={TrackingToken}" }
        : ConsigneeView.Of(full, Precision);

    /// <summary>One of the shipment's events as this reader sees it; null when it is not shown to this reader.</summary>
    public CloudEventResponse? View(OutboundEvent e, string trackingNumber) =>
        Full ? CloudEventResponse.From(e)
        : ConsigneeView.IsShown(e.Source, e.Type, trackingNumber, Precision) ? ConsigneeView.Of(CloudEventResponse.From(e), Precision)
        : null;
}
