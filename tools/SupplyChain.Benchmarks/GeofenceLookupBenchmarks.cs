using BenchmarkDotNet.Attributes;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;

namespace SupplyChain.Benchmarks;

/// <summary>Which fences contain a point, against 10,000 and 100,000 fences spread over Europe.</summary>
[MemoryDiagnoser]
public class GeofenceLookupBenchmarks
{
    private GeofenceIndex _index = GeofenceIndex.Empty;
    private GeoPoint[] _points = [];
    private int _next;

    [Params(10_000, 100_000)]
    public int Fences { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _index = new GeofenceIndex(Enumerable.Range(0, Fences).Select(i => Fence(i, random)));
        _points = [.. Enumerable.Range(0, 4096).Select(_ => new GeoPoint(45 + random.NextDouble() * 10, random.NextDouble() * 15))];
    }

    [Benchmark]
    public int Containing() => _index.Containing(_points[_next++ & 4095]).Count;

    /// <summary>The segment between two sparse pings about 1.5 km apart.</summary>
    [Benchmark]
    public int Crossing()
    {
        var from = _points[_next++ & 4095];
        return _index.Crossing(from, new GeoPoint(from.Lat + 0.01, from.Lon + 0.01)).Count;
    }

    /// <summary>A mix like a real fleet's: squares (depots, zones) and circles (customer sites).</summary>
    internal static Geofence Fence(int i, Random random)
    {
        var lat = 45 + random.NextDouble() * 10;
        var lon = random.NextDouble() * 15;
        var kind = (i % 3) switch { 0 => "Depot", 1 => "Zone", _ => "Restricted" };
        var json = i % 2 == 0
            ? "{\"type\":\"Feature\",\"properties\":{\"kind\":\"" + kind + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
                + P(lon, lat) + "," + P(lon + 0.01, lat) + "," + P(lon + 0.01, lat + 0.01) + "," + P(lon, lat + 0.01) + "," + P(lon, lat) + "]]}}"
            : "{\"type\":\"Feature\",\"properties\":{\"kind\":\"" + kind + "\",\"radiusM\":500},\"geometry\":{\"type\":\"Point\",\"coordinates\":" + P(lon, lat) + "}}";
        return GeofenceReader.Read(json, "f" + i).Geofence!;
    }

    private static string P(double lon, double lat) => FormattableString.Invariant($"[{lon},{lat}]");
}
