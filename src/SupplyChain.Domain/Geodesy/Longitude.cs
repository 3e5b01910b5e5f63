namespace SupplyChain.Domain.Geodesy;

/// <summary>
/// Longitude arithmetic that survives the antimeridian. Thread safe: pure functions.
/// </summary>
public static class Longitude
{
    /// <summary>Brings a longitude in degrees into [-180, 180).</summary>
    public static double Normalize(double lon)
    {
        var wrapped = (lon + 180) % 360;
        if (wrapped < 0)
        {
            wrapped += 360;
        }

        return wrapped - 180;
    }

    /// <summary>
    /// Shifts <paramref name="lon"/> by whole turns so that it lies within 180° of
    /// <paramref name="reference"/>; the result may leave [-180, 180], which is the point: a ring
    /// crossing the antimeridian stays a small ring instead of wrapping round the planet.
    /// </summary>
    public static double UnwrapNear(double lon, double reference)
    {
        // Returns lon itself unless a turn of 360 degrees is needed, so coordinates that need no
        // unwrapping come back bit for bit (a ring stays closed).
        var delta = lon - reference;
        if (delta > 180)
        {
            return lon - 360 * Math.Ceiling((delta - 180) / 360);
        }

        return delta < -180 ? lon + 360 * Math.Ceiling((-delta - 180) / 360) : lon;
    }
}
