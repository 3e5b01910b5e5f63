using SupplyChain.Domain.Geodesy;
using SupplyChain.Contracts.Ingestion;

namespace SupplyChain.Contracts.Vehicles;

/// <summary>A vehicle's GPS position (<c>SupplyChain.GpsPing</c>).</summary>
[GenerateSerializer, Immutable, Alias("sc.PingReceived")]
public sealed record PingReceived(
    string Source,
    string Id,
    DateTimeOffset Time,
    [property: Id(0)] string VehicleId,
    [property: Id(1)] GeoPoint Position,
    [property: Id(2)] double? SpeedKmh,
    [property: Id(3)] double? HeadingDeg,
    [property: Id(4)] double? AccuracyM) : InboundEvent(Source, Id, Time)
{
    /// <inheritdoc />
    public override string Key => VehicleId;
}
