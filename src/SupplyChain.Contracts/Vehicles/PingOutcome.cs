using SupplyChain.Contracts.Events;

namespace SupplyChain.Contracts.Vehicles;

/// <summary>What applying a ping did.</summary>
/// <param name="Summary">The vehicle's summary when the ping moved it; null when it was ignored.</param>
/// <param name="Raised">Outbound events the ping caused.</param>
[GenerateSerializer, Immutable, Alias("sc.PingOutcome")]
public sealed record PingOutcome([property: Id(0)] VehicleSummary? Summary, [property: Id(1)] IReadOnlyList<OutboundEvent> Raised)
{
    /// <summary>An ignored ping.</summary>
    public static readonly PingOutcome Ignored = new(null, []);
}
