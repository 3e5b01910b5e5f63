namespace SupplyChain.Fuzz.Cases;

/// <summary>A valid ping of a known vehicle: once accepted, the vehicle's position is this ping's or a later one's.</summary>
internal sealed record ValidPing(string VehicleId, double Lat, double Lon, DateTimeOffset Time);
