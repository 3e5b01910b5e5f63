using System.Globalization;
using SupplyChain.Simulator.Fleet;
using SupplyChain.Simulator.Load;

namespace SupplyChain.Simulator.Demo;

/// <summary>
/// Drives the fleet in real time against a running silo, for the map: every tick each vehicle
/// reports where its trip (played <c>speedup</c> times faster than life) has taken it.
/// </summary>
internal sealed class DemoRunner(Uri url, string carrierKey, string adminKey, int vehicles, int shipments, TimeSpan interval, double speedup, TextWriter output)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var fleet = new FleetModel(vehicles, shipments, seed: 1, prefix: "DEMO-");
        using var client = new PlatformClient(url, carrierKey, adminKey, connections: 4);
        var started = DateTimeOffset.UtcNow;
        foreach (var shipment in fleet.Shipments)
        {
            await client.PutPlan(shipment, CloudEventWriter.Plan(shipment, started.AddHours(8)), cancellationToken);
        }

        await client.PostEvents(
            CloudEventWriter.Batch(fleet.Shipments.Select(s => CloudEventWriter.Scan(s.TrackingNumber, "LoadedOnVehicle", s.Vehicle.Id, started, s.Vehicle.Trip.From))),
            cancellationToken);
        output.WriteLine($"Driving {fleet.Vehicles.Count} vehicles ({speedup}x real time). Track e.g. {url}track/{(fleet.Shipments.Count > 0 ? fleet.Shipments[0].TrackingNumber : "")}. Ctrl+C stops.");
        using var timer = new PeriodicTimer(interval);
        var tick = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = DateTimeOffset.UtcNow;
                var elapsed = (now - started) * speedup;
                foreach (var chunk in fleet.Vehicles.Chunk(500))
                {
                    var status = await client.PostEvents(CloudEventWriter.PingBatch(chunk, now, elapsed, "demo" + started.ToUnixTimeSeconds() + "-" + tick.ToString(CultureInfo.InvariantCulture)), cancellationToken);
                    output.Write($"\r  tick {tick,6}: {status}   ");
                }

                tick++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine();
        }

        return 0;
    }
}
