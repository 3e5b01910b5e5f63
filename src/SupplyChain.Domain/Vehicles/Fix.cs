using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Domain.Vehicles;

/// <summary>One GPS position of a vehicle at an event time. Immutable.</summary>
/// <param name="Position">Where the vehicle was.</param>
/// <param name="At">When, as reported by the device (event time).</param>
/// <param name="SpeedKmh">Reported speed in km/h, if the device sends it.</param>
/// <param name="HeadingDeg">Reported heading in degrees clockwise from north, if sent.</param>
/// <param name="AccuracyM">Reported horizontal accuracy in metres (radius), if sent.</param>
public sealed record Fix(GeoPoint Position, DateTimeOffset At, double? SpeedKmh, double? HeadingDeg, double? AccuracyM);
