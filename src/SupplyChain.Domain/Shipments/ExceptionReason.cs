namespace SupplyChain.Domain.Shipments;

/// <summary>
/// Why a parcel is held up, as a code a shipper's system can act on (retry an address, open a claim,
/// wait out the weather) rather than a driver's free text. Carried by <see cref="ScanType.Exception"/>,
/// <see cref="ScanType.DeliveryAttempted"/> and <see cref="ScanType.ReturnedToSender"/> scans as
/// <c>data.reasonCode</c>; the status detail then names it. The set follows what shippers already map
/// from the large carriers' and aggregators' sub-statuses; <see cref="Other"/> with a note covers the rest.
/// </summary>
public enum ExceptionReason
{
    /// <summary>The address is incomplete, wrong or undeliverable.</summary>
    AddressIssue,

    /// <summary>Nobody was there to receive the parcel.</summary>
    RecipientUnavailable,

    /// <summary>The business at the address was closed.</summary>
    BusinessClosed,

    /// <summary>The recipient refused the parcel.</summary>
    RefusedByRecipient,

    /// <summary>The parcel is damaged.</summary>
    Damaged,

    /// <summary>The parcel cannot be found.</summary>
    Lost,

    /// <summary>Weather stops or slows the delivery.</summary>
    WeatherDelay,

    /// <summary>Customs holds the parcel.</summary>
    CustomsHold,

    /// <summary>The parcel went to the wrong place in the network and is being rerouted.</summary>
    Misrouted,

    /// <summary>A delay of the carrier's own (a missed connection, a breakdown).</summary>
    CarrierDelay,

    /// <summary>Anything else; the scan's note says what.</summary>
    Other,
}
