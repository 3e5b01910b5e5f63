using System.Diagnostics.CodeAnalysis;

namespace SupplyChain.Domain.Geofences;

/// <summary>A refused geofence: what is wrong, in words an API caller can act on.</summary>
/// <param name="Code">The kind of problem.</param>
/// <param name="Reason">A sentence naming the offending member or coordinate.</param>
public sealed record GeofenceError(GeofenceErrorCode Code, string Reason);

/// <summary>Either a <see cref="Geofence"/> or the <see cref="GeofenceError"/> that stopped it. Immutable.</summary>
public sealed class GeofenceParseResult
{
    private GeofenceParseResult(Geofence? geofence, GeofenceError? error)
    {
        Geofence = geofence;
        Error = error;
    }

    /// <summary>The geofence, when <see cref="Succeeded"/>.</summary>
    public Geofence? Geofence { get; }

    /// <summary>The reason, when not <see cref="Succeeded"/>.</summary>
    public GeofenceError? Error { get; }

    /// <summary>True when a geofence was produced.</summary>
    [MemberNotNullWhen(true, nameof(Geofence))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Geofence is not null;

    internal static GeofenceParseResult Ok(Geofence geofence) => new(geofence, null);

    internal static GeofenceParseResult Fail(GeofenceErrorCode code, string reason) =>
        new(null, new GeofenceError(code, reason));
}
