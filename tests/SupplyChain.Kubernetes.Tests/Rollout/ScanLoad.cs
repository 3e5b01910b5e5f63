using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SupplyChain.Kubernetes.Tests.Rollout;

/// <summary>
/// A steady load of scans and pings: each worker takes two shipments at a time through every
/// scan step (one request per step, the next only once the previous was acknowledged, so a
/// shipment's scans arrive in order) with its vehicles' pings in every request, paced, until
/// asked to stop; then it finishes its shipments. Every acknowledged scan is remembered.
/// </summary>
internal sealed class ScanLoad(ReadinessRouter router)
{
    private const int VehiclesPerWorker = 3;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(90);
    private readonly ConcurrentDictionary<string, (string TrackingNumber, string ScanType, DateTimeOffset At)> _acceptedScans = new();
    private int _sent;
    private int _acceptedEvents;

    /// <summary>Events sent, retries included.</summary>
    public int Sent => _sent;

    public int AcceptedEvents => _acceptedEvents;

    public int AcceptedScanCount => _acceptedScans.Count;

    /// <summary>Each shipment with its acknowledged scans.</summary>
    public List<(string TrackingNumber, List<(string ScanType, DateTimeOffset At)> Scans)> AcceptedScans() =>
        [.. _acceptedScans.Values.GroupBy(s => s.TrackingNumber).Select(g => (g.Key, g.Select(s => (s.ScanType, s.At)).ToList()))];

    public async Task RunAsync(string name, CancellationToken stop)
    {
        var vehicles = Enumerable.Range(0, VehiclesPerWorker).Select(_ => CloudEvents.NewKey("KV" + name)).ToList();
        using var pace = new PeriodicTimer(Pace);
        var tick = 0;
        while (!stop.IsCancellationRequested)
        {
            string[] pair = [CloudEvents.NewKey("KS" + name), CloudEvents.NewKey("KS" + name)];
            for (var step = 0; step < Events.Steps.Length; step++)
            {
                await pace.WaitForNextTickAsync(TestContext.Current.CancellationToken);
                tick++;
                var scans = pair.Select((tn, i) => CloudEvents.Scan(tn, Events.Steps[step], CloudEvents.T0.AddMinutes(step * 10),
                    vehicleId: Events.Steps[step] == "LoadedOnVehicle" ? vehicles[i] : null));
                var pings = vehicles.Select((v, i) => CloudEvents.Ping(v, 51.0 + (i * 0.1), 4.0 + (tick * 0.0005), CloudEvents.T0.AddSeconds(tick * 3)));
                JsonNode[] request = [.. scans, .. pings];
                Interlocked.Add(ref _sent, request.Length * await router.PostUntilAcceptedAsync(request, RequestDeadline));
                Accept(request);
            }
        }
    }

    private void Accept(JsonNode[] events)
    {
        Interlocked.Add(ref _acceptedEvents, events.Length);
        foreach (var e in events.Where(e => e["type"]!.GetValue<string>() == "SupplyChain.ItemScanned"))
        {
            var data = e["data"]!;
            _acceptedScans.TryAdd(e["id"]!.GetValue<string>(), (data["trackingNumber"]!.GetValue<string>(), data["scanType"]!.GetValue<string>(), CloudEvents.TimeOf(e)));
        }
    }
}
