namespace SupplyChain.Domain;

/// <summary>
/// Every threshold of the tracking rules, bound from the configuration section
/// <see cref="SectionName"/>. Distances are metres, speeds km/h, durations <see cref="TimeSpan"/>
/// of event time. A plain mutable options class for binding; the rules only read it, so share one
/// instance per configuration and do not change it while rules run.
/// </summary>
public sealed class TrackingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SupplyChain:Tracking";

    public const double DefaultNoMovementRadiusM = 200;
    public static readonly TimeSpan DefaultNoMovementWindow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultStopMinDuration = TimeSpan.FromMinutes(5);
    public const double DefaultGeofenceHysteresisM = 50;
    public const int DefaultMaxGeofenceVertices = 10_000;
    public const double DefaultCorridorWidthM = 1_000;
    public const double DefaultDestinationRadiusM = 300;
    public static readonly TimeSpan DefaultEtaChangeThreshold = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultArrivingSoonWindow = TimeSpan.FromMinutes(30);
    public const double DefaultCruisingSpeedKmh = 60;
    public const double DefaultMinEtaSpeedKmh = 5;
    public const double DefaultDetourFactor = 1.3;
    public static readonly TimeSpan DefaultEtaSpeedTimeConstant = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultPlannedStopDwell = TimeSpan.FromMinutes(15);
    public const double DefaultMaxPlausibleSpeedKmh = 250;
    public const double DefaultMaxAccuracyM = 100;
    public static readonly TimeSpan DefaultShipmentIdleThreshold = TimeSpan.FromHours(24);
    public static readonly TimeSpan DefaultFacilityDwell = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DefaultPromiseMargin = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DefaultPromiseHysteresis = TimeSpan.FromMinutes(10);

    /// <summary>A stop is a run of fixes within this many metres of its first fix. Default 200 m.</summary>
    public double NoMovementRadiusM { get; set; } = DefaultNoMovementRadiusM;

    /// <summary>A stop outside every depot that lasts this long (event time) raises NoMovementDetected. Default 10 min.</summary>
    public TimeSpan NoMovementWindow { get; set; } = DefaultNoMovementWindow;

    /// <summary>
    /// A vehicle counts as stopped (not <c>moving</c>) once a stop has lasted this long; shorter
    /// pauses, such as traffic lights, still count as moving. Default 5 min. At the default radius a
    /// steady crawl faster than 200 m / 5 min (2.4 km/h) is never a stop.
    /// </summary>
    public TimeSpan StopMinDuration { get; set; } = DefaultStopMinDuration;

    /// <summary>
    /// Metres a vehicle must be outside a geofence (or beyond the route corridor's half width)
    /// before it counts as having left; the same margin inside before it counts as back in the
    /// corridor. Default 50 m.
    /// </summary>
    public double GeofenceHysteresisM { get; set; } = DefaultGeofenceHysteresisM;

    /// <summary>Most vertices a geofence geometry may have. Default 10,000.</summary>
    public int MaxGeofenceVertices { get; set; } = DefaultMaxGeofenceVertices;

    /// <summary>Total corridor width in metres for a planned route that gives none. Default 1,000 m.</summary>
    public double CorridorWidthM { get; set; } = DefaultCorridorWidthM;

    /// <summary>Arrival radius around the destination in metres when the plan gives none. Default 300 m.</summary>
    public double DestinationRadiusM { get; set; } = DefaultDestinationRadiusM;

    /// <summary>ETARecalculated is raised when the estimate moves by at least this much. Default 5 min.</summary>
    public TimeSpan EtaChangeThreshold { get; set; } = DefaultEtaChangeThreshold;

    /// <summary>ArrivingSoon is raised once when the ETA is at most this far ahead. Default 30 min.</summary>
    public TimeSpan ArrivingSoonWindow { get; set; } = DefaultArrivingSoonWindow;

    /// <summary>Speed assumed without data or while the vehicle is stopped, km/h. Default 60.</summary>
    public double CruisingSpeedKmh { get; set; } = DefaultCruisingSpeedKmh;

    /// <summary>Floor of the measured speed used for an ETA, km/h, so a crawl cannot push it to infinity. Default 5.</summary>
    public double MinEtaSpeedKmh { get; set; } = DefaultMinEtaSpeedKmh;

    /// <summary>Road distance over great-circle distance, used when a shipment has no route. Default 1.3.</summary>
    public double DetourFactor { get; set; } = DefaultDetourFactor;

    /// <summary>Time constant of the exponentially weighted mean speed (event time). Default 10 min.</summary>
    public TimeSpan EtaSpeedTimeConstant { get; set; } = DefaultEtaSpeedTimeConstant;

    /// <summary>Dwell added to the ETA for each planned stop still ahead that states none. Default 15 min.</summary>
    public TimeSpan PlannedStopDwell { get; set; } = DefaultPlannedStopDwell;

    /// <summary>A ping implying a faster move than this from the previous fix is ignored, km/h. Default 250.</summary>
    public double MaxPlausibleSpeedKmh { get; set; } = DefaultMaxPlausibleSpeedKmh;

    /// <summary>A ping whose reported accuracy is worse than this many metres is ignored. Default 100 m.</summary>
    public double MaxAccuracyM { get; set; } = DefaultMaxAccuracyM;

    /// <summary>
    /// A vehicle inside a facility (a Depot geofence) this long (event time) has arrived: VehicleArrived, and
    /// VehicleDeparted when it leaves. A shorter visit is a drive-by and raises neither. Default 2 min.
    /// </summary>
    public TimeSpan FacilityDwell { get; set; } = DefaultFacilityDwell;

    /// <summary>An estimate later than the promised delivery time by more than this raises DeliveryAtRisk. Default 15 min.</summary>
    public TimeSpan PromiseMargin { get; set; } = DefaultPromiseMargin;

    /// <summary>
    /// An at-risk shipment is back on track once an estimate is within the promise by this much more than
    /// <see cref="PromiseMargin"/>, so an ETA hovering on the line does not flap. Default 10 min.
    /// </summary>
    public TimeSpan PromiseHysteresis { get; set; } = DefaultPromiseHysteresis;

    /// <summary>A shipment with no scan or position for this long (wall clock) is reported idle. Default 24 h.</summary>
    public TimeSpan ShipmentIdleThreshold { get; set; } = DefaultShipmentIdleThreshold;

    /// <summary>
    /// Checks every value; each error names its configuration key, e.g.
    /// <c>SupplyChain:Tracking:NoMovementRadiusM must be &gt; 0</c>. Empty when all are usable.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Positive(errors, NoMovementRadiusM, nameof(NoMovementRadiusM));
        Positive(errors, NoMovementWindow, nameof(NoMovementWindow));
        Positive(errors, StopMinDuration, nameof(StopMinDuration));
        NotNegative(errors, GeofenceHysteresisM, nameof(GeofenceHysteresisM));
        if (MaxGeofenceVertices < 4)
        {
            errors.Add($"{SectionName}:{nameof(MaxGeofenceVertices)} must be >= 4");
        }

        Positive(errors, CorridorWidthM, nameof(CorridorWidthM));
        Positive(errors, DestinationRadiusM, nameof(DestinationRadiusM));
        Positive(errors, EtaChangeThreshold, nameof(EtaChangeThreshold));
        NotNegative(errors, ArrivingSoonWindow, nameof(ArrivingSoonWindow));
        Positive(errors, CruisingSpeedKmh, nameof(CruisingSpeedKmh));
        Positive(errors, MinEtaSpeedKmh, nameof(MinEtaSpeedKmh));
        if (!(DetourFactor >= 1) || !double.IsFinite(DetourFactor))
        {
            errors.Add($"{SectionName}:{nameof(DetourFactor)} must be >= 1");
        }

        Positive(errors, EtaSpeedTimeConstant, nameof(EtaSpeedTimeConstant));
        NotNegative(errors, PlannedStopDwell, nameof(PlannedStopDwell));
        Positive(errors, MaxPlausibleSpeedKmh, nameof(MaxPlausibleSpeedKmh));
        if (MinEtaSpeedKmh > MaxPlausibleSpeedKmh || CruisingSpeedKmh > MaxPlausibleSpeedKmh)
        {
            errors.Add($"{SectionName}:{nameof(MinEtaSpeedKmh)} and {nameof(CruisingSpeedKmh)} must not exceed {nameof(MaxPlausibleSpeedKmh)}");
        }

        Positive(errors, MaxAccuracyM, nameof(MaxAccuracyM));
        Positive(errors, ShipmentIdleThreshold, nameof(ShipmentIdleThreshold));
        NotNegative(errors, FacilityDwell, nameof(FacilityDwell));
        NotNegative(errors, PromiseMargin, nameof(PromiseMargin));
        NotNegative(errors, PromiseHysteresis, nameof(PromiseHysteresis));
        return errors;
    }

    private static void Positive(List<string> errors, double value, string name)
    {
        // Written so that NaN fails too.
        if (!(value > 0) || !double.IsFinite(value))
        {
            errors.Add($"{SectionName}:{name} must be > 0");
        }
    }

    private static void NotNegative(List<string> errors, double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            errors.Add($"{SectionName}:{name} must be >= 0");
        }
    }

    private static void Positive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:{name} must be > 00:00:00");
        }
    }

    private static void NotNegative(List<string> errors, TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:{name} must be >= 00:00:00");
        }
    }
}
