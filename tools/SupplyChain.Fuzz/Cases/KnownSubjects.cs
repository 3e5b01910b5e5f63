namespace SupplyChain.Fuzz.Cases;

/// <summary>
/// The few shipments and vehicles a run's valid events are about, named afresh for each run so
/// that runs against one silo do not meet, and the times those events carry. Times are near now,
/// in the past, and strictly increasing across the run; a vehicle's position is a function of
/// time (a slow walk north), so any two of its pings are plausible whatever order they arrive in,
/// and the one with the latest time is where the vehicle must end up. Thread safe.
/// </summary>
internal sealed class KnownSubjects
{
    /// <summary>How far behind the wall clock valid events are: well inside the accepted skew either way.</summary>
    private static readonly TimeSpan Behind = TimeSpan.FromMinutes(2);

    /// <summary>Degrees of latitude a known vehicle moves per second of event time (about 1 m/s).</summary>
    private const double DegreesPerSecond = 1e-5;

    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _origin;
    private DateTimeOffset _last;

    public KnownSubjects(string runTag, TimeProvider clock)
    {
        _clock = clock;
        _origin = clock.GetUtcNow();
        TrackingNumbers = [.. Enumerable.Range(1, 3).Select(i => $"FZT-{runTag}-{i}")];
        Vehicles = [.. Enumerable.Range(1, 3).Select(i => $"FZV-{runTag}-{i}")];
    }

    public IReadOnlyList<string> TrackingNumbers { get; }

    public IReadOnlyList<string> Vehicles { get; }

    /// <summary>The run's clock.</summary>
    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>A fresh tag for a run: the known subjects' names and the ids of the events about them.</summary>
    public static string NewRunTag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>The next valid event time, whole milliseconds, later than every one handed out before.</summary>
    public DateTimeOffset NextTime()
    {
        var now = _clock.GetUtcNow() - Behind;
        now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        lock (_lock)
        {
            _last = now > _last ? now : _last.AddMilliseconds(1);
            return _last;
        }
    }

    /// <summary>Where known vehicle <paramref name="vehicleId"/> is at <paramref name="time"/>.</summary>
    public (double Lat, double Lon) PositionOf(string vehicleId, DateTimeOffset time)
    {
        var lane = Vehicles.ToList().IndexOf(vehicleId);
        var lat = 40 + (lane * 0.5) + ((time - _origin).TotalSeconds * DegreesPerSecond);
        return (Math.Round(lat, 7), 2 + (lane * 0.5));
    }
}
