namespace SupplyChain.Simulator.Fleet;

/// <summary>A vehicle of the simulated fleet.</summary>
internal sealed record SimulatedVehicle(string Id, Trip Trip);

/// <summary>A shipment loaded on one of the vehicles.</summary>
internal sealed record SimulatedShipment(string TrackingNumber, SimulatedVehicle Vehicle);

/// <summary>
/// The simulated fleet: <c>vehicles</c> trucks on trips between real cities, 5 % with a long stop
/// half way and 5 % with a detour, and <c>shipments</c> shipments spread over the first trucks.
/// Deterministic for a seed.
/// </summary>
internal sealed class FleetModel
{
    public FleetModel(int vehicles, int shipments, int seed, string prefix)
    {
        var random = new Random(seed);
        Vehicles = [.. Enumerable.Range(0, vehicles).Select(i =>
        {
            var from = City.All[random.Next(City.All.Length)];
            var to = City.All.Where(c => c != from).ElementAt(random.Next(City.All.Length - 1));
            var longStop = random.NextDouble() < 0.05 ? TimeSpan.FromMinutes(20) : TimeSpan.Zero;
            var trip = new Trip(from, to, 60 + random.NextDouble() * 30, longStop, random.NextDouble() < 0.05, random);
            return new SimulatedVehicle($"{prefix}V{i:D6}", trip);
        })];
        Shipments = [.. Enumerable.Range(0, Math.Min(shipments, vehicles * 10)).Select(i =>
            new SimulatedShipment($"{prefix}S{i:D7}", Vehicles[i % Vehicles.Count]))];
    }

    public IReadOnlyList<SimulatedVehicle> Vehicles { get; }

    public IReadOnlyList<SimulatedShipment> Shipments { get; }
}
