namespace SupplyChain.Simulator.Load;

/// <summary>
/// What one load run does. Without <c>Verify</c> only acceptance is measured (for the ceiling, which
/// keeps nothing). <c>WarmUpRounds</c> rounds of pings (one per vehicle each) go first, as fast as
/// they are taken and outside every figure, so the figures describe a fleet already active. With
/// <c>Structured</c> each ping goes in a request of its own in structured mode
/// (<c>application/cloudevents+json</c>), as devices post them; <c>BatchSize</c> is then 1.
/// <c>WarmUpRatePerSecond</c> paces the warm-up apart from the measured load: a fleet's first pings
/// each claim a vehicle (a blob written), which Azurite takes at a few hundred a second.
/// </summary>
internal sealed record LoadSettings(
    Uri Url, string CarrierKey, string AdminKey, int Vehicles, int Shipments, int Events, int BatchSize, int Connections,
    double? RatePerSecond, int Probes, int Seed, string Label, bool Verify, int WarmUpRounds = 0, bool Structured = false, double? WarmUpRatePerSecond = null);
