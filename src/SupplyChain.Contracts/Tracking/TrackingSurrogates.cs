using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Facilities;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Motion;
using SupplyChain.Domain.Routes;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Contracts.Tracking;

// The domain's rule states are plain records that know nothing of Orleans; these surrogates let
// grains keep them in state as they are.

/// <summary>Surrogate of <see cref="Fix"/>.</summary>
[GenerateSerializer, Alias("sc.Fix")]
public readonly record struct FixSurrogate([property: Id(0)] GeoPoint Location, [property: Id(1)] DateTimeOffset At);

/// <summary>Converts <see cref="Fix"/>.</summary>
[RegisterConverter]
public sealed class FixSurrogateConverter : IConverter<Fix, FixSurrogate>
{
    /// <inheritdoc />
    public Fix ConvertFromSurrogate(in FixSurrogate surrogate) => new(surrogate.Location, surrogate.At);

    /// <inheritdoc />
    public FixSurrogate ConvertToSurrogate(in Fix value) => new(value.Location, value.At);
}

/// <summary>Surrogate of <see cref="MotionState"/>.</summary>
[GenerateSerializer, Alias("sc.MotionState")]
public readonly record struct MotionStateSurrogate(
    [property: Id(0)] Fix? LastFix,
    [property: Id(1)] Fix? Anchor,
    [property: Id(2)] DateTimeOffset? OutsideDepotSince,
    [property: Id(3)] bool Reported,
    [property: Id(4)] DateTimeOffset? StoppedSince);

/// <summary>Converts <see cref="MotionState"/>.</summary>
[RegisterConverter]
public sealed class MotionStateSurrogateConverter : IConverter<MotionState, MotionStateSurrogate>
{
    /// <inheritdoc />
    public MotionState ConvertFromSurrogate(in MotionStateSurrogate s) => new()
    {
        LastFix = s.LastFix, Anchor = s.Anchor, OutsideDepotSince = s.OutsideDepotSince, Reported = s.Reported, StoppedSince = s.StoppedSince,
    };

    /// <inheritdoc />
    public MotionStateSurrogate ConvertToSurrogate(in MotionState value) =>
        new(value.LastFix, value.Anchor, value.OutsideDepotSince, value.Reported, value.StoppedSince);
}

/// <summary>Surrogate of <see cref="EtaState"/>.</summary>
[GenerateSerializer, Alias("sc.EtaState")]
public readonly record struct EtaStateSurrogate(
    [property: Id(0)] Fix? LastFix,
    [property: Id(1)] double? SpeedMps,
    [property: Id(2)] double? InnerSpeedMps,
    [property: Id(3)] DateTimeOffset? Eta,
    [property: Id(4)] DateTimeOffset? OriginalEta,
    [property: Id(5)] bool ArrivingSoonSent,
    [property: Id(6)] bool Arrived);

/// <summary>Converts <see cref="EtaState"/>.</summary>
[RegisterConverter]
public sealed class EtaStateSurrogateConverter : IConverter<EtaState, EtaStateSurrogate>
{
    /// <inheritdoc />
    public EtaState ConvertFromSurrogate(in EtaStateSurrogate s) => new()
    {
        LastFix = s.LastFix, SpeedMps = s.SpeedMps, InnerSpeedMps = s.InnerSpeedMps, Eta = s.Eta, OriginalEta = s.OriginalEta,
        ArrivingSoonSent = s.ArrivingSoonSent, Arrived = s.Arrived,
    };

    /// <inheritdoc />
    public EtaStateSurrogate ConvertToSurrogate(in EtaState value) =>
        new(value.LastFix, value.SpeedMps, value.InnerSpeedMps, value.Eta, value.OriginalEta, value.ArrivingSoonSent, value.Arrived);
}

/// <summary>Surrogate of <see cref="CorridorState"/>.</summary>
[GenerateSerializer, Alias("sc.CorridorState")]
public readonly record struct CorridorStateSurrogate([property: Id(0)] bool Outside);

/// <summary>Converts <see cref="CorridorState"/>.</summary>
[RegisterConverter]
public sealed class CorridorStateSurrogateConverter : IConverter<CorridorState, CorridorStateSurrogate>
{
    /// <inheritdoc />
    public CorridorState ConvertFromSurrogate(in CorridorStateSurrogate s) => new(s.Outside);

    /// <inheritdoc />
    public CorridorStateSurrogate ConvertToSurrogate(in CorridorState value) => new(value.Outside);
}

/// <summary>Surrogate of <see cref="CarriedSpell"/>.</summary>
[GenerateSerializer, Alias("sc.CarriedSpell")]
public readonly record struct CarriedSpellSurrogate([property: Id(0)] string VehicleId, [property: Id(1)] DateTimeOffset Since, [property: Id(2)] DateTimeOffset? Until);

/// <summary>Converts <see cref="CarriedSpell"/>.</summary>
[RegisterConverter]
public sealed class CarriedSpellSurrogateConverter : IConverter<CarriedSpell, CarriedSpellSurrogate>
{
    /// <inheritdoc />
    public CarriedSpell ConvertFromSurrogate(in CarriedSpellSurrogate s) => new(s.VehicleId, s.Since, s.Until);

    /// <inheritdoc />
    public CarriedSpellSurrogate ConvertToSurrogate(in CarriedSpell value) => new(value.VehicleId, value.Since, value.Until);
}

/// <summary>Surrogate of <see cref="FacilityVisit"/>.</summary>
[GenerateSerializer, Alias("sc.FacilityVisit")]
public readonly record struct FacilityVisitSurrogate(
    [property: Id(0)] string FacilityId, [property: Id(1)] DateTimeOffset EnteredAt, [property: Id(2)] GeoPoint EnteredWhere, [property: Id(3)] bool Arrived);

/// <summary>Converts <see cref="FacilityVisit"/>.</summary>
[RegisterConverter]
public sealed class FacilityVisitSurrogateConverter : IConverter<FacilityVisit, FacilityVisitSurrogate>
{
    /// <inheritdoc />
    public FacilityVisit ConvertFromSurrogate(in FacilityVisitSurrogate s) => new(s.FacilityId, s.EnteredAt, s.EnteredWhere, s.Arrived);

    /// <inheritdoc />
    public FacilityVisitSurrogate ConvertToSurrogate(in FacilityVisit value) => new(value.FacilityId, value.EnteredAt, value.EnteredWhere, value.Arrived);
}

/// <summary>Surrogate of <see cref="PromiseState"/>.</summary>
[GenerateSerializer, Alias("sc.PromiseState")]
public readonly record struct PromiseStateSurrogate(
    [property: Id(0)] DateTimeOffset? PromisedBy, [property: Id(1)] bool AtRisk, [property: Id(2)] int AtRiskSpells, [property: Id(3)] bool Late);

/// <summary>Converts <see cref="PromiseState"/>.</summary>
[RegisterConverter]
public sealed class PromiseStateSurrogateConverter : IConverter<PromiseState, PromiseStateSurrogate>
{
    /// <inheritdoc />
    public PromiseState ConvertFromSurrogate(in PromiseStateSurrogate s) => new()
    {
        PromisedBy = s.PromisedBy, AtRisk = s.AtRisk, AtRiskSpells = s.AtRiskSpells, Late = s.Late,
    };

    /// <inheritdoc />
    public PromiseStateSurrogate ConvertToSurrogate(in PromiseState value) => new(value.PromisedBy, value.AtRisk, value.AtRiskSpells, value.Late);
}
