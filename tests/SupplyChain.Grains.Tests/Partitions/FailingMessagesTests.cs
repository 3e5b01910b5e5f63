using Orleans.Providers.Streams.Common;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Partitions;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Partitions;

/// <summary>
/// A failing message is remembered under its sequence token, and the memory answers only for that
/// message: after a silo was killed, the agent that took its queue numbered messages from zero again,
/// and another message under a remembered token had its pings skipped as applied (VehicleCrashTests).
/// </summary>
public sealed class FailingMessagesTests
{
    private const long Start = 1_000;

    [Fact]
    public void SameMessageAgain_ItsAppliedEventsRemembered()
    {
        var failing = new FailingMessages(limit: 8);
        InboundEvent[] message = [Ping("truck-1", 51.9, 4.4, T0), Ping("truck-2", 51.9, 4.5, T0)];
        var first = new FailingMessage(Start, message) { FailedAttempts = 1 };
        first.Applied[0] = true;
        failing.Remember(Token(7), first);

        // Read again, the message is a new object with equal events.
        var again = failing.Of(Token(7), [.. message]);

        Assert.Same(first, again);
        Assert.Equal([true, false], again!.Applied);
        Assert.Equal(1, again.Pending);
    }

    [Fact]
    public void AnotherMessageUnderItsToken_SameCount_NotTakenForIt_AndTheEntryForgotten()
    {
        var failing = new FailingMessages(limit: 8);
        InboundEvent[] earlier = [Ping("truck-1", 51.9, 4.4, T0), Ping("truck-2", 51.9, 4.5, T0)];
        var remembered = new FailingMessage(Start, earlier);
        remembered.Applied[0] = remembered.Applied[1] = true;
        failing.Remember(Token(7), remembered);

        InboundEvent[] later = [Ping("truck-1", 51.9, 4.6, T0.AddSeconds(10)), Ping("truck-2", 51.9, 4.7, T0.AddSeconds(10))];

        Assert.Null(failing.Of(Token(7), later));
        Assert.Equal(0, failing.Count);
    }

    [Fact]
    public void AnotherMessageUnderItsToken_MoreEvents_NotTakenForIt()
    {
        var failing = new FailingMessages(limit: 8);
        failing.Remember(Token(3), new FailingMessage(Start, [Scan("SC-1", ScanType.PickedUp, T0)]));

        Assert.Null(failing.Of(Token(3), [Scan("SC-1", ScanType.PickedUp, T0), Scan("SC-2", ScanType.PickedUp, T0)]));
    }

    [Fact]
    public void SameEventsInAnotherOrder_AnotherMessage()
    {
        var a = Ping("truck-1", 51.9, 4.4, T0);
        var b = Ping("truck-2", 51.9, 4.5, T0);
        var failing = new FailingMessages(limit: 8);
        failing.Remember(Token(1), new FailingMessage(Start, [a, b]));

        Assert.Null(failing.Of(Token(1), [b, a]));
    }

    [Fact]
    public void OtherToken_OrNone_NothingRemembered()
    {
        InboundEvent[] message = [Ping("truck-1", 51.9, 4.4, T0)];
        var failing = new FailingMessages(limit: 8);
        failing.Remember(Token(1), new FailingMessage(Start, message));
        failing.Remember(null, new FailingMessage(Start, message));

        Assert.Null(failing.Of(Token(2), message));
        Assert.Null(failing.Of(null, message));
        Assert.Equal(1, failing.Count);
    }

    [Fact]
    public void Forgotten_OnceDelivered()
    {
        InboundEvent[] message = [Ping("truck-1", 51.9, 4.4, T0)];
        var failing = new FailingMessages(limit: 8);
        failing.Remember(Token(1), new FailingMessage(Start, message));

        failing.Forget(Token(1));

        Assert.Null(failing.Of(Token(1), message));
    }

    [Fact]
    public void BeyondTheLimit_TheOthersForgotten_TheNewOneKept()
    {
        var failing = new FailingMessages(limit: 2);
        failing.Remember(Token(1), new FailingMessage(Start, [Ping("truck-1", 51.9, 4.4, T0)]));
        failing.Remember(Token(2), new FailingMessage(Start, [Ping("truck-2", 51.9, 4.4, T0)]));
        InboundEvent[] third = [Ping("truck-3", 51.9, 4.4, T0)];

        failing.Remember(Token(3), new FailingMessage(Start, third));

        Assert.Equal(1, failing.Count);
        Assert.NotNull(failing.Of(Token(3), third));
    }

    private static EventSequenceTokenV2 Token(long sequence) => new(sequence);
}
