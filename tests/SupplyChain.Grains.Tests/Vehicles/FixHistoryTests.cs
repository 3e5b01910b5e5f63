using SupplyChain.Domain.Events;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Vehicles;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Vehicles;

/// <summary>A vehicle's latest fixes, held for a shipment whose load scan comes after them.</summary>
public sealed class FixHistoryTests
{
    [Fact]
    public void In_OpenSpell_FixesFromItsStartOn_OldestFirst()
    {
        var history = Holding(4, minutes: [0, 1, 2, 3]);

        Assert.Equal([T0.AddMinutes(2), T0.AddMinutes(3)], history.In(Spell(2, null)).Select(f => f.At));
    }

    [Fact]
    public void In_EndedSpell_UpToItsEndNotIncluded()
    {
        var history = Holding(5, minutes: [0, 1, 2, 3, 4]);

        Assert.Equal([T0.AddMinutes(1), T0.AddMinutes(2)], history.In(Spell(1, 3)).Select(f => f.At));
    }

    [Fact]
    public void Full_OldestForgottenFirst()
    {
        var history = Holding(3, minutes: [0, 1, 2, 3, 4]);

        Assert.Equal(3, history.Count);
        Assert.Equal([T0.AddMinutes(2), T0.AddMinutes(3), T0.AddMinutes(4)], history.In(Spell(0, null)).Select(f => f.At));
    }

    [Fact]
    public void NoneInTheSpell_Nothing_NotEvenTheLatest()
    {
        // A fix before the load scan is not the parcel's, however recent: event time decides, not arrival.
        Assert.Empty(Holding(3, minutes: [0, 1]).In(Spell(5, null)));
    }

    [Fact]
    public void NothingHeld_OrCapacityZero_Nothing()
    {
        Assert.Empty(new FixHistory(3).In(Spell(0, null)));
        Assert.Empty(Holding(0, minutes: [0, 1]).In(Spell(0, null)));
    }

    [Fact]
    public void AFix_IsGivenBackExactly_ItsOffsetAndUnknownsIncluded()
    {
        var history = new FixHistory(2);
        var at = new DateTimeOffset(2026, 12, 4, 14, 30, 15, 123, TimeSpan.FromHours(5.5)).AddTicks(4567);
        history.Add(new HeldFix(new GeoPoint(51.123456789012, -4.987654321098), at, null, 271.25, false, EventCause.Of("/devices", "p1"), null));
        history.Add(new HeldFix(new GeoPoint(-33.9, 151.2), at.AddSeconds(1), 0, null, true, EventCause.Of("/devices", "p2"), null));

        var fixes = history.In(new CarriedSpell("TRK-1", at, null)).Select(f => f.ToFix("TRK-1")).ToList();
        Assert.Equal(new VehicleFix("TRK-1", new GeoPoint(51.123456789012, -4.987654321098), at, null, 271.25, EventCause.Of("/devices", "p1").ToString(), false), fixes[0]);
        Assert.Equal(TimeSpan.FromHours(5.5), fixes[0].At.Offset);
        Assert.Equal(new VehicleFix("TRK-1", new GeoPoint(-33.9, 151.2), at.AddSeconds(1), 0, null, EventCause.Of("/devices", "p2").ToString(), true), fixes[1]);
    }

    private static CarriedSpell Spell(int fromMinute, int? untilMinute) =>
        new("TRK-1", T0.AddMinutes(fromMinute), untilMinute is { } until ? T0.AddMinutes(until) : null);

    private static FixHistory Holding(int capacity, int[] minutes)
    {
        var history = new FixHistory(capacity);
        foreach (var minute in minutes)
        {
            history.Add(new HeldFix(new GeoPoint(51.9, 4.9), T0.AddMinutes(minute), 50, null, true, EventCause.Of("/devices", $"p{minute}"), null));
        }

        return history;
    }
}
