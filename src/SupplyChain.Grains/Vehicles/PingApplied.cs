using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;

namespace SupplyChain.Grains.Vehicles;

/// <summary>What one ping did to a <see cref="Vehicle"/>.</summary>
/// <param name="Accepted">False when the ping was ignored (a duplicate or implausible): nothing else happened.</param>
/// <param name="Raised">Outbound events the ping raised (the vehicle's and its shipments').</param>
/// <param name="Fix">The position for the shipments on board; null when it carries none.</param>
/// <param name="ForShipments">Those of <paramref name="Raised"/> that also belong to the shipments on board.</param>
/// <param name="Meaningful">Whether the change is worth a storage write of its own (a fence crossed, a stop begun, ended or reported).</param>
internal readonly record struct PingApplied(
    bool Accepted, IReadOnlyList<OutboundEvent> Raised, VehicleFix? Fix, IReadOnlyList<OutboundEvent>? ForShipments, bool Meaningful)
{
    /// <summary>An ignored ping.</summary>
    public static readonly PingApplied Ignored = new(false, [], null, null, false);
}
