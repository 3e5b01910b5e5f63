using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Vehicles;

/// <summary>
/// Judges whether a ping is a plausible next fix for a vehicle. Implausible pings are accepted
/// over HTTP (the device did nothing wrong by sending them) and ignored here, so one bad fix
/// never moves a truck across the map. The jump test is against the latest accepted fix: after
/// a long gap even a distant fix is plausible again, which is how a vehicle whose device was off
/// while it moved is picked up again. Thread safe: immutable.
/// </summary>
/// <param name="MaxSpeedKmh">Above this implied speed a fix is a jump (km/h).</param>
/// <param name="MaxAccuracyM">A fix reporting an accuracy radius above this is ignored (metres).</param>
public sealed record PingPlausibility(double MaxSpeedKmh, double MaxAccuracyM)
{
    /// <summary>Judges <paramref name="candidate"/> against the vehicle's latest accepted fix.</summary>
    /// <param name="latest">The vehicle's latest accepted fix, if any.</param>
    /// <param name="candidate">The ping's position and event time.</param>
    /// <param name="accuracyM">The accuracy radius the device reported for the ping, if any.</param>
    public PingVerdict Judge(Fix? latest, Fix candidate, double? accuracyM)
    {
        if (accuracyM is { } accuracy && accuracy > MaxAccuracyM)
        {
            return PingVerdict.Inaccurate;
        }

        if (latest is not { } previous)
        {
            return PingVerdict.Accepted;
        }

        if (candidate.At == previous.At)
        {
            return candidate.Location == previous.Location ? PingVerdict.Duplicate : PingVerdict.Stale;
        }

        if (candidate.At < previous.At)
        {
            return PingVerdict.Stale;
        }

        var hours = (candidate.At - previous.At).TotalHours;
        var km = previous.Location.DistanceTo(candidate.Location) / 1000.0;
        return km / hours > MaxSpeedKmh ? PingVerdict.Jump : PingVerdict.Accepted;
    }
}
