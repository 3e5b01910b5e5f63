using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Grains.Partitions;

/// <summary>
/// A vehicle's line in its partition's fleet list, held as the values of its <see cref="VehicleSummary"/>
/// rather than the summary itself. The list lives as long as the partition and takes a new line from a
/// vehicle every few seconds: holding each summary would be a reference from old memory to a young
/// object, which every young collection has to find by scanning the old generation's changed cards
/// (with 100,000 vehicles, most of its pause: benchmarks.md). The line is made with the vehicle id the
/// list already holds, for the same reason (an id read from another silo's answer is a new string).
/// </summary>
internal readonly struct FleetLine
{
    private readonly DateTimeOffset _at;
    private readonly double? _speedKmh;
    private readonly double? _headingDeg;

    /// <summary>The values of <paramref name="summary"/>, under <paramref name="vehicleId"/> (equal to its own).</summary>
    public FleetLine(string vehicleId, VehicleSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (!string.Equals(vehicleId, summary.VehicleId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The line of {summary.VehicleId} was given the id {vehicleId}.", nameof(vehicleId));
        }

        VehicleId = vehicleId;
        Position = summary.Location.Position;
        _at = summary.Location.At;
        _speedKmh = summary.SpeedKmh;
        _headingDeg = summary.HeadingDeg;
        Moving = summary.Moving;
    }

    public string VehicleId { get; }

    public GeoPoint Position { get; }

    /// <summary>The event time of the fix the line shows.</summary>
    public DateTimeOffset At => _at;

    public bool Moving { get; }

    /// <summary>The line as readers get it.</summary>
    public VehicleSummary ToSummary() => new(VehicleId, new PositionAt(Position, _at), _speedKmh, _headingDeg, Moving);
}
