using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>Where new events go and when the head takes in a segment, without grains or storage.</summary>
public sealed class BacklogTests
{
    [Fact]
    public void Empty_NewEventsGoToTheHead_UpToASegment()
    {
        var backlog = new Backlog(new BacklogRange(), 4);

        Assert.True(backlog.IsEmpty);
        Assert.Equal(4, backlog.HeadRoom(0));
        Assert.Equal(1, backlog.HeadRoom(3));
        Assert.Equal(0, backlog.HeadRoom(6));
        Assert.False(backlog.ShouldRefill(0));
    }

    [Fact]
    public void SegmentsFillInTurn_AndCountEveryEvent()
    {
        var range = new BacklogRange();
        var backlog = new Backlog(range, 4);

        Assert.True(backlog.NeedsNewSegment);
        Assert.Equal(0, backlog.OpenNew());
        backlog.Appended(3);
        Assert.Equal(1, backlog.RoomInOpen);
        backlog.Appended(1);
        Assert.True(backlog.NeedsNewSegment);
        Assert.Equal(1, backlog.OpenNew());
        backlog.Appended(2);

        Assert.Equal(6, backlog.Count);
        Assert.Equal([0L, 1L], backlog.Segments);
        Assert.Equal((0L, 2L, 4L), (range.First, range.Next, range.ClosedEvents));
    }

    [Fact]
    public void WhileSegmentsWait_NothingGoesStraightToTheHead()
    {
        var backlog = new Backlog(new BacklogRange(), 4);
        backlog.OpenNew();
        backlog.Appended(1);

        Assert.Equal(0, backlog.HeadRoom(0));
    }

    [Fact]
    public void HeadAtHalfASegmentOrLess_TakesTheOldest_UntilEmpty()
    {
        var backlog = new Backlog(new BacklogRange(), 4);
        backlog.OpenNew();
        backlog.Appended(4);
        backlog.OpenNew();
        backlog.Appended(2);

        Assert.False(backlog.ShouldRefill(3));
        Assert.True(backlog.ShouldRefill(2));
        Assert.Equal(0, backlog.Oldest);
        backlog.TakeOldest(4);
        Assert.Equal((1L, 1L, 2L), (backlog.Oldest, backlog.Open, backlog.Count));
        backlog.TakeOldest(2);

        Assert.True(backlog.IsEmpty);
        Assert.Equal(0, backlog.Count);
        Assert.Equal(2, backlog.OpenNew());
    }

    [Fact]
    public void Restored_OpenCountComesFromTheSegment_ClosedCountsFromTheRange()
    {
        var range = new BacklogRange { First = 3, Next = 6, ClosedEvents = 8 };
        var backlog = new Backlog(range, 4);

        backlog.Restore(1);

        Assert.Equal(9, backlog.Count);
        Assert.Equal(5, backlog.Open);
        Assert.Equal(3, backlog.RoomInOpen);
    }
}
