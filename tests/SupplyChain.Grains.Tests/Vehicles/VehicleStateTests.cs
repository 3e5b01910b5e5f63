using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Facilities;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Motion;
using SupplyChain.Grains.Vehicles;

namespace SupplyChain.Grains.Tests.Vehicles;

/// <summary>
/// A vehicle's state holds its location and motion as values, yet is stored and sent as the release
/// before stored and sent it: silos of both releases read each other's blobs, and an activation the
/// rebalancer moves between them carries its state in Orleans' wire form.
/// </summary>
public sealed class VehicleStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2));

    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(VehicleState).Assembly).AddAssembly(typeof(ReleasedVehicleState).Assembly))
        .BuildServiceProvider();

    private static readonly Serializer Orleans = Services.GetRequiredService<Serializer>();

    private static readonly SystemTextJsonGrainStorageSerializer Json = new(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));

    public static TheoryData<string> States => ["stopped", "moving", "never located"];

    [Theory]
    [MemberData(nameof(States))]
    public void OrleansWireForm_TheReleasedOnes_BothWays(string name)
    {
        var (state, released) = Pair(name);

        var bytes = Orleans.SerializeToArray(state);

        Assert.Equal(Orleans.SerializeToArray(released), bytes);
        AssertSame(released, Orleans.Deserialize<VehicleState>(Orleans.SerializeToArray(released))!);
        AssertSame(released, state);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void StoredJson_TheReleasedOnes_BothWays(string name)
    {
        var (state, released) = Pair(name);

        var json = Json.Serialize(state);

        Assert.Equal(Json.Serialize(released).ToString(), json.ToString());
        AssertSame(released, Json.Deserialize<VehicleState>(Json.Serialize(released))!);
        Assert.Equal(json.ToString(), Json.Serialize(Json.Deserialize<ReleasedVehicleState>(json)).ToString());
    }

    [Fact]
    public void LocationAndMotion_GiveBackWhatTheyWereGiven_WithoutHoldingIt()
    {
        var location = new PositionAt(new GeoPoint(51.92, 4.48), T0);
        var motion = Stopped();
        var state = new VehicleState { Location = location, Motion = motion };

        Assert.Equal(location, state.Location);
        Assert.NotSame(location, state.Location);
        Assert.Equal(motion, state.Motion);
        Assert.Equal(new Fix(location.Position, location.At), state.LastLocated);
        Assert.False(state.Moving);

        state.Location = null;
        state.Motion = MotionState.Initial;

        Assert.Null(state.Location);
        Assert.Null(state.LastLocated);
        Assert.Equal(MotionState.Initial, state.Motion);
        Assert.False(state.Moving);
    }

    [Fact]
    public void Moving_AsTheMotionSaysIt()
    {
        var state = new VehicleState { Motion = new MotionState { LastFix = new Fix(new GeoPoint(1, 2), T0) } };

        Assert.True(state.Moving);
        Assert.Equal(state.Motion.Moving, state.Moving);
    }

    private static MotionState Stopped() => new()
    {
        LastFix = new Fix(new GeoPoint(51.9201, 4.4802), T0.AddMinutes(30)),
        Anchor = new Fix(new GeoPoint(51.92, 4.48), T0),
        OutsideDepotSince = T0.AddMinutes(5),
        Reported = true,
        StoppedSince = T0,
    };

    private static (VehicleState State, ReleasedVehicleState Released) Pair(string name)
    {
        var (location, motion) = name switch
        {
            "stopped" => (new PositionAt(new GeoPoint(51.9201, 4.4802), T0.AddMinutes(30)), Stopped()),
            "moving" => (new PositionAt(new GeoPoint(-33.9, 151.2), T0.ToOffset(TimeSpan.FromHours(-5))),
                new MotionState { LastFix = new Fix(new GeoPoint(-33.9, 151.2), T0), Anchor = new Fix(new GeoPoint(-33.9, 151.2), T0) }),
            _ => ((PositionAt?)null, MotionState.Initial),
        };
        var state = new VehicleState
        {
            Location = location,
            SpeedKmh = location is null ? null : 42.5,
            HeadingDeg = location is null ? null : 270,
            Shipments = location is null ? [] : ["1Z999"],
            RecentPingKeys = [17, 42],
            IgnoredPings = new Dictionary<string, long> { ["duplicate"] = 3 },
            InsideGeofences = location is null ? [] : ["depot-rtm"],
            Motion = motion,
            ShipmentsSince = location is null ? null : new Dictionary<string, DateTimeOffset> { ["1Z999"] = T0.AddHours(-1) },
            EndedSpells = location is null ? null : [new EndedSpell("1Z888", T0.AddHours(-3), T0.AddHours(-2))],
            FacilityVisits = location is null ? null : [new FacilityVisit("RTM-1", T0.AddMinutes(-10), new GeoPoint(51.92, 4.48), true)],
            Owner = "acme",
        };
        var released = new ReleasedVehicleState
        {
            Location = state.Location,
            SpeedKmh = state.SpeedKmh,
            HeadingDeg = state.HeadingDeg,
            Shipments = state.Shipments,
            RecentPingKeys = state.RecentPingKeys,
            IgnoredPings = state.IgnoredPings,
            InsideGeofences = state.InsideGeofences,
            Motion = ReleasedMotionState.Of(motion),
            ShipmentsSince = state.ShipmentsSince,
            EndedSpells = state.EndedSpells,
            FacilityVisits = state.FacilityVisits,
            Owner = state.Owner,
        };
        return (state, released);
    }

    private static void AssertSame(ReleasedVehicleState expected, VehicleState actual)
    {
        Assert.Equal(expected.Location, actual.Location);
        Assert.Equal(expected.Location?.At.Offset, actual.Location?.At.Offset);
        Assert.Equal(expected.Motion, ReleasedMotionState.Of(actual.Motion));
        Assert.Equal(expected.SpeedKmh, actual.SpeedKmh);
        Assert.Equal(expected.HeadingDeg, actual.HeadingDeg);
        Assert.Equal(expected.Shipments, actual.Shipments);
        Assert.Equal(expected.RecentPingKeys, actual.RecentPingKeys);
        Assert.Equal(expected.IgnoredPings, actual.IgnoredPings);
        Assert.Equal(expected.InsideGeofences, actual.InsideGeofences);
        Assert.Equal(expected.ShipmentsSince, actual.ShipmentsSince);
        Assert.Equal(expected.EndedSpells, actual.EndedSpells);
        Assert.Equal(expected.FacilityVisits, actual.FacilityVisits);
        Assert.Equal(expected.Owner, actual.Owner);
    }
}

/// <summary>The vehicle state as the release before this one declared it (main 6f8c1d7): objects in every property.</summary>
[GenerateSerializer, Alias("test.ReleasedVehicleState")]
internal sealed class ReleasedVehicleState
{
    [Id(0)] public PositionAt? Location { get; set; }

    [Id(1)] public double? SpeedKmh { get; set; }

    [Id(2)] public double? HeadingDeg { get; set; }

    [Id(3)] public List<string> Shipments { get; set; } = [];

    [Id(4)] public List<ulong> RecentPingKeys { get; set; } = [];

    [Id(5)] public Dictionary<string, long> IgnoredPings { get; set; } = [];

    [Id(6)] public List<string> InsideGeofences { get; set; } = [];

    [Id(7)] public ReleasedMotionState Motion { get; set; } = ReleasedMotionState.Of(MotionState.Initial);

    [Id(8)] public Dictionary<string, DateTimeOffset>? ShipmentsSince { get; set; }

    [Id(9)] public List<EndedSpell>? EndedSpells { get; set; }

    [Id(10)] public List<FacilityVisit>? FacilityVisits { get; set; }

    [Id(11)] public string? Owner { get; set; }
}

/// <summary>The motion state as the release before this one declared it (main 0e91e8e): an object, not a value.</summary>
internal sealed record ReleasedMotionState(Fix? LastFix, Fix? Anchor, DateTimeOffset? OutsideDepotSince, bool Reported, DateTimeOffset? StoppedSince)
{
    public bool Moving => LastFix is not null && StoppedSince is null;

    public static ReleasedMotionState Of(MotionState motion) =>
        new(motion.LastFix, motion.Anchor, motion.OutsideDepotSince, motion.Reported, motion.StoppedSince);
}

/// <summary>The surrogate <see cref="ReleasedMotionState"/> went through, as it was declared then.</summary>
[GenerateSerializer, Alias("test.ReleasedMotionState")]
internal readonly record struct ReleasedMotionStateSurrogate(
    [property: Id(0)] Fix? LastFix,
    [property: Id(1)] Fix? Anchor,
    [property: Id(2)] DateTimeOffset? OutsideDepotSince,
    [property: Id(3)] bool Reported,
    [property: Id(4)] DateTimeOffset? StoppedSince);

[RegisterConverter]
internal sealed class ReleasedMotionStateSurrogateConverter : IConverter<ReleasedMotionState, ReleasedMotionStateSurrogate>
{
    public ReleasedMotionState ConvertFromSurrogate(in ReleasedMotionStateSurrogate s) =>
        new(s.LastFix, s.Anchor, s.OutsideDepotSince, s.Reported, s.StoppedSince);

    public ReleasedMotionStateSurrogate ConvertToSurrogate(in ReleasedMotionState value) =>
        new(value.LastFix, value.Anchor, value.OutsideDepotSince, value.Reported, value.StoppedSince);
}
