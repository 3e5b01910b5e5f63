namespace SupplyChain.Silo.Shipments;

/// <summary>What a reader without a key (a consignee with a tracking link) is shown, bound from <c>SupplyChain:Privacy</c>.</summary>
public sealed class PrivacyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Privacy";

    /// <summary>Default of <see cref="PublicPositionPrecision"/>.</summary>
    public const PositionPrecision DefaultPublicPositionPrecision = PositionPrecision.Coarse;

    /// <summary>
    /// The precision of every position an anonymous reader sees: the vehicle's, the milestones', the
    /// delivery's and the plan's (default <see cref="PositionPrecision.Coarse"/>, about 1 km).
    /// </summary>
    public PositionPrecision PublicPositionPrecision { get; set; } = DefaultPublicPositionPrecision;

    /// <summary>
    /// Whether a reader without the owner's key needs the shipment's tracking token (<c>?token=</c>, the
    /// link its owner reads in <c>trackingLink</c>) to see it at all; without it the number reads as
    /// unknown, so numbers cannot be enumerated. Default false: the bare number is the link.
    /// </summary>
    public bool RequireTrackingToken { get; set; }
}
