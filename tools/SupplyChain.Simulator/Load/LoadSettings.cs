namespace SupplyChain.Simulator.Load;

/// <summary>
/// What one load run does. Without <c>Verify</c> only acceptance is measured (for the ceiling, which
/// keeps nothing). <c>WarmUpRounds</c> rounds of pings (one per vehicle each) go first, as fast as
/// they are taken and outside every figure, so the figures describe a fleet already active.
/// </summary>
internal sealed record LoadSettings(
    Uri Url, string CarrierKey, string AdminKey, int Vehicles, int Shipments, int Events, int BatchSize, int Connections,
    double? RatePerSecond, int Probes, int Seed, string Label, bool Verify, int WarmUpRounds = 0);
