namespace SupplyChain.Fuzz.Cases;

/// <summary>A valid scan of a known shipment: once accepted, the shipment must list it among its milestones.</summary>
internal sealed record ValidScan(string TrackingNumber, string ScanType, DateTimeOffset Time);
