using SupplyChain.Contracts.Events;

namespace SupplyChain.Contracts.Vehicles;

/// <summary>What a vehicle's pings of one stream message did.</summary>
/// <param name="Raised">Outbound events they raised, oldest first (for the ops feed).</param>
/// <param name="Summary">
/// The vehicle's line in the fleet list after the pings; null when it took none of them, and the
/// partition keeps the line it has. The partition paces how often the list moves.
/// </param>
[GenerateSerializer, Immutable, Alias("sc.PingsApplied")]
public sealed record PingsApplied(
    [property: Id(0)] IReadOnlyList<OutboundEvent> Raised,
    [property: Id(1)] VehicleSummary? Summary)
{
    /// <summary>Nothing raised, nothing to show: most pings' answer, one instance for all.</summary>
    public static readonly PingsApplied Nothing = new([], null);
}
