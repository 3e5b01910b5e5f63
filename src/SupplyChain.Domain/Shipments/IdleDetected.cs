using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Shipments;

/// <summary>Decision: nothing was heard of a live shipment for the idle threshold (see <see cref="Shipment.IdleAt"/>). Immutable.</summary>
/// <param name="Since">Wall-clock time of the latest scan or movement; an alert is raised once for it.</param>
/// <param name="At">Wall-clock time it was noticed.</param>
/// <param name="Where">The latest known position, if any.</param>
public sealed record IdleDetected(DateTimeOffset Since, DateTimeOffset At, GeoPoint? Where);
