namespace SupplyChain.Domain.Shipments;

/// <summary>Where a shipment stands, in the words customers see.</summary>
public enum ShipmentStatus
{
    /// <summary>Known only by its tracking number: no scan has told us anything yet.</summary>
    Pending,
    /// <summary>The label exists; the carrier does not have the parcel yet.</summary>
    InfoReceived,
    /// <summary>In the carrier's network: picked up, at or between facilities, on a vehicle.</summary>
    InTransit,
    /// <summary>On the vehicle that delivers it today.</summary>
    OutForDelivery,
    /// <summary>A delivery attempt failed; another attempt or a pickup point follows.</summary>
    AttemptFail,
    /// <summary>Delivered. Terminal.</summary>
    Delivered,
    /// <summary>Waiting for the recipient at a pickup point.</summary>
    AvailableForPickup,
    /// <summary>Something went wrong (damage, customs, address); the carrier is handling it.</summary>
    Exception,
    /// <summary>Sent back to the sender. Terminal.</summary>
    ReturnedToSender,
}
