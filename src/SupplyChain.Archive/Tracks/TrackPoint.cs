namespace SupplyChain.Archive.Tracks;

/// <summary>One position of a vehicle's track: a GPS ping as archived.</summary>
/// <param name="VehicleId">The vehicle.</param>
/// <param name="Time">When the vehicle was there (the ping's event time), UTC.</param>
/// <param name="Lat">Latitude, degrees.</param>
/// <param name="Lon">Longitude, degrees.</param>
/// <param name="SpeedKmh">Speed, km/h, when the device gave it.</param>
/// <param name="HeadingDeg">Heading, degrees, when the device gave it.</param>
/// <param name="AccuracyM">Accuracy, metres, when the device gave it.</param>
public sealed record TrackPoint(string VehicleId, DateTimeOffset Time, double Lat, double Lon, double? SpeedKmh, double? HeadingDeg, double? AccuracyM);
