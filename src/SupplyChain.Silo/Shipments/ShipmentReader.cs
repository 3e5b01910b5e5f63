using SupplyChain.Contracts.Events;
using SupplyChain.Silo.Events;

namespace SupplyChain.Silo.Shipments;

/// <summary>How one reader may see one shipment, decided once per request by <see cref="ShipmentAudience"/>.</summary>
/// <param name="Sees">Whether the reader sees it at all: a missing or wrong tracking token reads as an unknown number.</param>
/// <param name="Full">Whether the reader sees all of it (its owner, ops); otherwise the consignee's view.</param>
/// <param name="Precision">The precision of positions in the consignee's view.</param>
/// <param name="Account">For a full view: the owning account, null while nobody owns it.</param>
/// <param name="TrackingToken">For a full view: the token of the shipment's public link.</param>
internal sealed record ShipmentReader(bool Sees, bool Full, PositionPrecision Precision, string? Account = null, string? TrackingToken = null)
{
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
