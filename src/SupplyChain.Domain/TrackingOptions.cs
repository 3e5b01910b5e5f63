namespace SupplyChain.Domain;

/// <summary>Every tracking threshold, bound from <c>SupplyChain:Tracking</c>.</summary>
public sealed class TrackingOptions
{
    /// <summary>Default of <see cref="MaxPlausibleSpeedKmh"/>.</summary>
    public const double DefaultMaxPlausibleSpeedKmh = 250;

    /// <summary>Default of <see cref="MaxAccuracyM"/>.</summary>
    public const double DefaultMaxAccuracyM = 100;

    /// <summary>A ping implying a faster move from the latest fix is ignored as a jump (km/h).</summary>
    public double MaxPlausibleSpeedKmh { get; set; } = DefaultMaxPlausibleSpeedKmh;

    /// <summary>A ping reporting a worse accuracy is ignored (metres).</summary>
    public double MaxAccuracyM { get; set; } = DefaultMaxAccuracyM;
}
