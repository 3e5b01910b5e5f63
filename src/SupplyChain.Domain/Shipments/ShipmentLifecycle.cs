namespace SupplyChain.Domain.Shipments;

/// <summary>
/// The status rules: which status a scan means, and which moves between statuses are possible.
/// Carriers' scanners are offline for hours and replay out of order, so a scan older (in event
/// time) than the one that set the current status never changes the status; it only joins the
/// milestones. Moves that cannot happen to a parcel (anything after a terminal status, a label
/// created after pickup) are refused the same way. Thread safe: stateless.
/// </summary>
public static class ShipmentLifecycle
{
    private static readonly ShipmentStatus[] InNetwork =
    [
        ShipmentStatus.InTransit, ShipmentStatus.OutForDelivery, ShipmentStatus.AttemptFail,
        ShipmentStatus.Delivered, ShipmentStatus.AvailableForPickup, ShipmentStatus.Exception,
        ShipmentStatus.ReturnedToSender,
    ];

    private static readonly Dictionary<ShipmentStatus, HashSet<ShipmentStatus>> Allowed = new()
    {
        [ShipmentStatus.Pending] = [.. Enum.GetValues<ShipmentStatus>()],
        [ShipmentStatus.InfoReceived] = [ShipmentStatus.InfoReceived, .. InNetwork],
        [ShipmentStatus.InTransit] = [.. InNetwork],
        [ShipmentStatus.OutForDelivery] = [.. InNetwork],
        [ShipmentStatus.AttemptFail] = [.. InNetwork],
        [ShipmentStatus.AvailableForPickup] =
        [
            ShipmentStatus.AvailableForPickup, ShipmentStatus.InTransit, ShipmentStatus.Delivered,
            ShipmentStatus.Exception, ShipmentStatus.ReturnedToSender,
        ],
        [ShipmentStatus.Exception] = [.. InNetwork],
        [ShipmentStatus.Delivered] = [],
        [ShipmentStatus.ReturnedToSender] = [],
    };

    /// <summary>The status a scan of this type puts a shipment in.</summary>
    public static ShipmentStatus StatusOf(ScanType scanType) => scanType switch
    {
        ScanType.LabelCreated => ShipmentStatus.InfoReceived,
        ScanType.PickedUp or ScanType.ArrivedAtFacility or ScanType.DepartedFacility
            or ScanType.LoadedOnVehicle or ScanType.UnloadedFromVehicle => ShipmentStatus.InTransit,
        ScanType.OutForDelivery => ShipmentStatus.OutForDelivery,
        ScanType.DeliveryAttempted => ShipmentStatus.AttemptFail,
        ScanType.Delivered => ShipmentStatus.Delivered,
        ScanType.AvailableForPickup => ShipmentStatus.AvailableForPickup,
        ScanType.Exception => ShipmentStatus.Exception,
        ScanType.ReturnedToSender => ShipmentStatus.ReturnedToSender,
        _ => throw new ArgumentOutOfRangeException(nameof(scanType), scanType, "Unknown scan type."),
    };

    /// <summary>True when no scan can move a shipment out of <paramref name="status"/>.</summary>
    public static bool IsTerminal(ShipmentStatus status) =>
        status is ShipmentStatus.Delivered or ShipmentStatus.ReturnedToSender;

    /// <summary>True when a parcel can go from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(ShipmentStatus from, ShipmentStatus to) => Allowed[from].Contains(to);

    /// <summary>
    /// Decides what a scan does to the status.
    /// </summary>
    /// <param name="current">The status now.</param>
    /// <param name="currentSince">Event time of the scan that set <paramref name="current"/>; null while Pending.</param>
    /// <param name="scanType">The new scan.</param>
    /// <param name="scanTime">The new scan's event time.</param>
    public static StatusDecision Decide(
        ShipmentStatus current, DateTimeOffset? currentSince, ScanType scanType, DateTimeOffset scanTime)
    {
        var next = StatusOf(scanType);
        if (currentSince is { } since && scanTime < since)
        {
            return StatusDecision.Refused(current, StatusRefusal.OlderThanCurrent);
        }

        return CanMove(current, next)
            ? StatusDecision.MoveTo(current, next)
            : StatusDecision.Refused(current, StatusRefusal.ImpossibleMove);
    }
}
