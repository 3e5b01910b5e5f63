namespace SupplyChain.Archive.Records;

/// <summary>
/// One archived event as a reader sees it: a row of the archive's one wide table. The CloudEvent's
/// <see cref="Source"/> and <see cref="Id"/> identify it; the same event may be archived more than once
/// (at least once), so readers keep the first row of each <see cref="IdentityKey"/>. Fields that do not
/// belong to the event's <see cref="Type"/> are null.
/// </summary>
/// <param name="Direction"><see cref="ArchiveDirection.Inbound"/> (accepted from a carrier) or <see cref="ArchiveDirection.Outbound"/> (raised by the platform).</param>
/// <param name="Type">The CloudEvent type.</param>
/// <param name="Source">The CloudEvent source.</param>
/// <param name="Id">The CloudEvent id.</param>
/// <param name="Subject">Inbound: the tracking number or vehicle id the event is about; outbound: the CloudEvent subject.</param>
/// <param name="Time">The CloudEvent time (event time), UTC.</param>
/// <param name="TrackingNumber">A scan's tracking number, or the shipment of a shipment's outbound event.</param>
/// <param name="ShipmentKey">The shipment's key when it differs from its tracking number (a later account's shipment of the number).</param>
/// <param name="VehicleId">A ping's vehicle, a scan's vehicle, or the vehicle of a vehicle's outbound event.</param>
/// <param name="ScanType">A scan's type.</param>
/// <param name="FacilityId">A scan's facility.</param>
/// <param name="Note">A scan's note.</param>
/// <param name="Lat">A ping's or scan's latitude, degrees.</param>
/// <param name="Lon">A ping's or scan's longitude, degrees.</param>
/// <param name="SpeedKmh">A ping's speed, km/h.</param>
/// <param name="HeadingDeg">A ping's heading, degrees.</param>
/// <param name="AccuracyM">A ping's accuracy, metres.</param>
/// <param name="Data">An outbound event's data, as JSON.</param>
public sealed record ArchiveRecord(
    string Direction,
    string Type,
    string Source,
    string Id,
    string? Subject,
    DateTimeOffset Time,
    string? TrackingNumber,
    string? ShipmentKey,
    string? VehicleId,
    string? ScanType,
    string? FacilityId,
    string? Note,
    double? Lat,
    double? Lon,
    double? SpeedKmh,
    double? HeadingDeg,
    double? AccuracyM,
    string? Data)
{
    /// <summary>A scan's exception reason code.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>A Delivered scan's proof: who signed.</summary>
    public string? SignedBy { get; init; }

    /// <summary>A Delivered scan's proof: the photo's URL.</summary>
    public string? PhotoUrl { get; init; }

    /// <summary>A Delivered scan's proof: the signature's URL.</summary>
    public string? SignatureUrl { get; init; }

    /// <summary>What identifies the event across copies: its source and id.</summary>
    public (string Source, string Id) IdentityKey => (Source, Id);
}
