namespace SupplyChain.Silo.History;

/// <summary>A scan on a shipment's track: where and when something happened to it.</summary>
internal sealed record TrackStop(DateTimeOffset At, double Lat, double Lon, string ScanType, string? FacilityId);
