using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Shipments;

/// <summary>A position of a vehicle that may carry the shipment, as its vehicle passed it on. Immutable.</summary>
/// <param name="VehicleId">The vehicle.</param>
/// <param name="Fix">Where it was, in event time.</param>
/// <param name="Moving">Whether the vehicle's motion detector saw it moving (the ETA's speed estimate uses it).</param>
public readonly record struct CarrierFix(string VehicleId, Fix Fix, bool Moving);
