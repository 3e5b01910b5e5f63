using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Contracts.Shipments;

/// <summary>A position and the event time it was observed at.</summary>
[GenerateSerializer, Immutable, Alias("sc.PositionAt")]
public sealed record PositionAt([property: Id(0)] GeoPoint Position, [property: Id(1)] DateTimeOffset At);
