namespace SupplyChain.Simulator.Fleet;

/// <summary>
/// A vehicle's trip between two cities as a polyline (a bend between them, as roads have), driven at
/// a steady speed, with an optional long stop half way and an optional detour beside the route.
/// Positions are a pure function of the elapsed time, so any tick can be generated in any order.
/// </summary>
internal sealed class Trip
{
    private readonly (double Lat, double Lon)[] _points;
    private readonly double[] _cumulativeKm;

    public Trip(City from, City to, double speedKmh, TimeSpan longStop, bool detour, Random random)
    {
        var bend = (Lat: (from.Lat + to.Lat) / 2 + (random.NextDouble() - 0.5) * 0.3, Lon: (from.Lon + to.Lon) / 2 + (random.NextDouble() - 0.5) * 0.3);
        _points = [(from.Lat, from.Lon), bend, (to.Lat, to.Lon)];
        _cumulativeKm = [0, Km(_points[0], _points[1]), Km(_points[0], _points[1]) + Km(_points[1], _points[2])];
        From = from;
        To = to;
        SpeedKmh = speedKmh;
        LongStop = longStop;
        Detour = detour;
    }

    public City From { get; }

    public City To { get; }

    public double SpeedKmh { get; }

    public TimeSpan LongStop { get; }

    public bool Detour { get; }

    public double LengthKm => _cumulativeKm[^1];

    public IReadOnlyList<(double Lat, double Lon)> Points => _points;

    /// <summary>Where the vehicle is after <paramref name="elapsed"/>, and its speed; it drives there and back, again and again.</summary>
    public (double Lat, double Lon, double SpeedKmh) At(TimeSpan elapsed)
    {
        var halfDrive = TimeSpan.FromHours(LengthKm / SpeedKmh / 2);
        var oneWay = halfDrive * 2 + LongStop;
        var t = TimeSpan.FromTicks(elapsed.Ticks % (oneWay * 2).Ticks);
        var u = t < oneWay ? t : oneWay * 2 - t;
        var (km, speed) = u < halfDrive ? (u.TotalHours * SpeedKmh, SpeedKmh)
            : u < halfDrive + LongStop ? (LengthKm / 2, 0.0)
            : ((u - LongStop).TotalHours * SpeedKmh, SpeedKmh);
        var (lat, lon) = Along(Math.Clamp(km, 0, LengthKm));
        if (Detour && km > LengthKm * 0.3 && km < LengthKm * 0.35)
        {
            // A smooth swing beside the route (up to 3 km, less on short trips), so the fixes stay plausible.
            var amplitude = Math.Min(0.027, LengthKm * 0.05 / 111 / 4);
            lat += amplitude * Math.Sin(Math.PI * (km - LengthKm * 0.3) / (LengthKm * 0.05));
        }

        return (lat, lon, speed);
    }

    private (double Lat, double Lon) Along(double km)
    {
        var i = km <= _cumulativeKm[1] ? 0 : 1;
        var segment = _cumulativeKm[i + 1] - _cumulativeKm[i];
        var f = segment == 0 ? 0 : (km - _cumulativeKm[i]) / segment;
        return (_points[i].Lat + (_points[i + 1].Lat - _points[i].Lat) * f, _points[i].Lon + (_points[i + 1].Lon - _points[i].Lon) * f);
    }

    private static double Km((double Lat, double Lon) a, (double Lat, double Lon) b)
    {
        const double r = 6371.0088;
        var dLat = (b.Lat - a.Lat) * Math.PI / 180;
        var dLon = (b.Lon - a.Lon) * Math.PI / 180;
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(a.Lat * Math.PI / 180) * Math.Cos(b.Lat * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
