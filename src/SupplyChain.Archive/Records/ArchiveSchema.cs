using Parquet.Schema;

namespace SupplyChain.Archive.Records;

/// <summary>
/// The columns of an archive file, in file order. Names are snake_case for the SQL tools that read
/// the files. Times are UTC timestamps in nanoseconds, so a CloudEvent time (100 ns ticks) comes back
/// exactly and a replay raises the same outbound events. A later version may add columns at the end;
/// readers look columns up by name and treat a missing one as nulls.
/// </summary>
internal static class ArchiveSchema
{
    public static readonly DataField<string> Direction = new("direction", nullable: false);
    public static readonly DataField<string> Type = new("type", nullable: false);
    public static readonly DataField<string> Source = new("source", nullable: false);
    public static readonly DataField<string> Id = new("id", nullable: false);
    public static readonly DataField<string> Subject = new("subject", nullable: true);
    public static readonly DateTimeDataField Time = new("time", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Nanos, isNullable: false);
    public static readonly DataField<string> TrackingNumber = new("tracking_number", nullable: true);
    public static readonly DataField<string> ShipmentKey = new("shipment_key", nullable: true);
    public static readonly DataField<string> VehicleId = new("vehicle_id", nullable: true);
    public static readonly DataField<string> ScanType = new("scan_type", nullable: true);
    public static readonly DataField<string> FacilityId = new("facility_id", nullable: true);
    public static readonly DataField<string> Note = new("note", nullable: true);
    public static readonly DataField<double?> Lat = new("lat");
    public static readonly DataField<double?> Lon = new("lon");
    public static readonly DataField<double?> SpeedKmh = new("speed_kmh");
    public static readonly DataField<double?> HeadingDeg = new("heading_deg");
    public static readonly DataField<double?> AccuracyM = new("accuracy_m");
    public static readonly DataField<string> Data = new("data", nullable: true);
    public static readonly DataField<string> ReasonCode = new("reason_code", nullable: true);
    public static readonly DataField<string> SignedBy = new("signed_by", nullable: true);
    public static readonly DataField<string> PhotoUrl = new("photo_url", nullable: true);
    public static readonly DataField<string> SignatureUrl = new("signature_url", nullable: true);

    public static readonly ParquetSchema Schema = new(
        Direction, Type, Source, Id, Subject, Time, TrackingNumber, ShipmentKey, VehicleId,
        ScanType, FacilityId, Note, Lat, Lon, SpeedKmh, HeadingDeg, AccuracyM, Data, ReasonCode, SignedBy, PhotoUrl, SignatureUrl);
}
