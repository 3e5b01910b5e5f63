using BenchmarkDotNet.Attributes;
using SupplyChain.Domain;
using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;
using SupplyChain.Domain.Motion;
using SupplyChain.Domain.Routes;
using SupplyChain.Domain.Vehicles;

namespace SupplyChain.Benchmarks;

/// <summary>
/// Everything the domain decides for one ping of a truck carrying one planned shipment, in the
/// order the grains ask: plausibility, geofence membership (10,000 fences), motion, the route
/// projection, the corridor and the ETA.
/// </summary>
[MemoryDiagnoser]
public class PingDomainBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly TrackingOptions _options = new();
    private readonly PingPlausibility _plausibility = new(250, 100);
    private GeofenceIndex _index = GeofenceIndex.Empty;
    private Route _route = null!;
    private EtaPlan _plan = null!;
    private Fix[] _fixes = [];
    private int _next;
    private MotionState _motion = MotionState.Initial;
    private EtaState _eta = EtaState.Initial;
    private CorridorState _corridor = CorridorState.Initial;
    private IReadOnlyCollection<string> _inside = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _index = new GeofenceIndex(Enumerable.Range(0, 10_000).Select(i => GeofenceLookupBenchmarks.Fence(i, random)));
        GeoPoint[] route = [new(51.9225, 4.4792), new(51.89, 4.90), new(51.85, 5.30), new(51.84, 5.86), new(51.83, 6.25), new(51.65, 6.55), new(51.43, 6.76)];
        _route = new Route(route);
        _plan = new EtaPlan(route[^1], 300, _route);
        _fixes = [.. Enumerable.Range(0, 100_000).Select(i => new Fix(
            new GeoPoint(route[0].Lat + (route[^1].Lat - route[0].Lat) * (i % 1000) / 1000.0, route[0].Lon + (route[^1].Lon - route[0].Lon) * (i % 1000) / 1000.0),
            T0.AddSeconds(10 * i)))];
    }

    [Benchmark]
    public PingVerdict Plausibility()
    {
        var i = _next++ % (_fixes.Length - 1);
        return _plausibility.Judge(_fixes[i], _fixes[i + 1], 8);
    }

    [Benchmark]
    public DateTimeOffset? WholePing()
    {
        var i = _next++ % (_fixes.Length - 1);
        var previous = _fixes[i];
        var fix = _fixes[i + 1];
        _plausibility.Judge(previous, fix, 8);
        var membership = GeofenceMembership.Next(_index, _inside, previous, fix, _options.GeofenceHysteresisM);
        _inside = membership.Inside;
        var motion = MotionDetector.Next(_motion, fix, membership.InsideDepot, _options);
        _motion = motion.State;
        var projection = _route.Project(fix.Location);
        _corridor = CorridorMonitor.Next(_corridor, projection, fix, 1000, _options.GeofenceHysteresisM).State;
        var eta = EtaEstimator.Next(_eta, fix, _motion.Moving, _plan, _options, projection);
        _eta = eta.State.Arrived ? EtaState.Initial : eta.State;
        return eta.Estimate;
    }
}
