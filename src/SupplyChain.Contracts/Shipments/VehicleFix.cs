using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Contracts.Shipments;

/// <summary>An accepted position of the vehicle carrying a shipment, passed on by the vehicle.</summary>
/// <param name="VehicleId">The vehicle.</param>
/// <param name="Position">Where it was.</param>
/// <param name="At">Event time of the ping.</param>
/// <param name="SpeedKmh">Reported speed, if any.</param>
/// <param name="HeadingDeg">Reported heading, if any.</param>
/// <param name="Cause">Source and id of the ping, from which the ids of events it causes derive.</param>
/// <param name="Moving">Whether the vehicle's motion detector sees it moving (the ETA's speed estimate uses it).</param>
[GenerateSerializer, Immutable, Alias("sc.VehicleFix")]
public sealed record VehicleFix(
    [property: Id(0)] string VehicleId,
    [property: Id(1)] GeoPoint Position,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] double? SpeedKmh,
    [property: Id(4)] double? HeadingDeg,
    [property: Id(5)] string Cause,
    [property: Id(6)] bool Moving)
{
    /// <summary>W3C trace context of the ping's handling, so what the fix raises joins the ping's trace.</summary>
    [Id(7)]
    public string? TraceParent { get; init; }

    /// <summary>The vendor trace state that goes with <see cref="TraceParent"/>.</summary>
    [Id(8)]
    public string? TraceState { get; init; }
}
