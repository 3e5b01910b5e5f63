using BenchmarkDotNet.Attributes;
using SupplyChain.Domain.Fleet;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Benchmarks;

/// <summary>
/// What one partition's part of an ops map refresh costs: 100,000 vehicles over north-west Europe
/// shared by 8 partitions (12,500 in this grid), read through the page's views, whole and following
/// 3 s of changes (every vehicle reporting every 2 s: 18,750 changes).
/// </summary>
[MemoryDiagnoser]
public class FleetMapBenchmarks
{
    private const int Vehicles = 12_500;
    private static readonly MapBox NorthWestEurope = new(-7.5, 43.9, 20.6, 57.6);
    private static readonly MapBox RhineRuhr = new(5.1, 50.5, 8.7, 52.2);
    private static readonly MapBox Rotterdam = new(4.26, 51.84, 4.70, 52.00);

    private FleetGrid<string> _grid = new();
    private long _threeSecondsAgo;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(26);
        _grid = new FleetGrid<string>();
        var positions = new GeoPoint[Vehicles];
        for (var i = 0; i < Vehicles; i++)
        {
            // Dense around the Rhine delta and the Ruhr, thinner further out, as a regional fleet is.
            positions[i] = new GeoPoint(50 + Gaussian(random) * 1.2 + 1.5, 4.5 + Gaussian(random) * 2 + 1.5);
            _grid.Put($"V{i:D6}", positions[i], true, $"V{i:D6}");
        }

        _threeSecondsAgo = _grid.Version;
        for (var change = 0; change < Vehicles * 3 / 2; change++)
        {
            var i = random.Next(Vehicles);
            positions[i] = new GeoPoint(positions[i].Lat + 0.0005, positions[i].Lon + 0.0005);
            _grid.Put($"V{i:D6}", positions[i], true, $"V{i:D6}");
        }
    }

    [Benchmark]
    public int ClustersOfNorthWestEurope() => _grid.CountWithin(NorthWestEurope) + _grid.Clusters(NorthWestEurope, 8).Count;

    [Benchmark]
    public int ClustersOfTheRhineRuhr() => _grid.CountWithin(RhineRuhr) + _grid.Clusters(RhineRuhr, 11).Count;

    [Benchmark]
    public int MarkersOfRotterdam() => _grid.CountWithin(Rotterdam) + _grid.Within(Rotterdam).Count + _grid.Clusters(Rotterdam, 14).Count;

    [Benchmark]
    public int ChangesInRotterdamOverThreeSeconds() => _grid.ChangesSince(_threeSecondsAgo, Rotterdam)!.Changed.Count;

    [Benchmark]
    public void Put() => _grid.Put("V000042", new GeoPoint(51.9, 4.4), true, "V000042");

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
