namespace SupplyChain.Domain.Shipments;

/// <summary>What a carrier's scan says happened to a parcel.</summary>
public enum ScanType
{
    /// <summary>The shipper created a label.</summary>
    LabelCreated,
    /// <summary>The carrier collected the parcel.</summary>
    PickedUp,
    /// <summary>The parcel arrived at a facility.</summary>
    ArrivedAtFacility,
    /// <summary>The parcel left a facility.</summary>
    DepartedFacility,
    /// <summary>The parcel was loaded on a vehicle; the vehicle's positions become the parcel's.</summary>
    LoadedOnVehicle,
    /// <summary>The parcel was taken off its vehicle.</summary>
    UnloadedFromVehicle,
    /// <summary>The parcel is on today's delivery run.</summary>
    OutForDelivery,
    /// <summary>Delivery was tried and failed.</summary>
    DeliveryAttempted,
    /// <summary>The parcel was delivered.</summary>
    Delivered,
    /// <summary>The parcel waits at a pickup point.</summary>
    AvailableForPickup,
    /// <summary>An exception was raised on the parcel.</summary>
    Exception,
    /// <summary>The parcel goes back to its sender.</summary>
    ReturnedToSender,
}
