namespace SupplyChain.Silo.History;

/// <summary>A span of time during which <paramref name="VehicleId"/> carried the shipment.</summary>
internal sealed record ShipmentLeg(string VehicleId, DateTimeOffset From, DateTimeOffset To);
