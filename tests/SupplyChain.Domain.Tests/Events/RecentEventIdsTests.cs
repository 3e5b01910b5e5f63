using SupplyChain.Domain.Events;

namespace SupplyChain.Domain.Tests.Events;

public sealed class RecentEventIdsTests
{
    [Fact]
    public void Remember_SameKeyTwice_SecondIsFalse()
    {
        var recent = new RecentEventIds(4);

        Assert.True(recent.Remember(RecentEventIds.KeyOf("/src", "1")));
        Assert.False(recent.Remember(RecentEventIds.KeyOf("/src", "1")));
    }

    [Fact]
    public void Remember_SameIdOtherSource_IsNew()
    {
        var recent = new RecentEventIds(4);
        recent.Remember(RecentEventIds.KeyOf("/a", "1"));

        Assert.True(recent.Remember(RecentEventIds.KeyOf("/b", "1")));
    }

    [Fact]
    public void Remember_BeyondCapacity_ForgetsOldestFirst()
    {
        var recent = new RecentEventIds(2);
        recent.Remember(1);
        recent.Remember(2);
        recent.Remember(3);

        Assert.False(recent.Contains(1));
        Assert.True(recent.Contains(2));
        Assert.Equal([2UL, 3UL], recent.Keys);
    }

    [Fact]
    public void Keys_AfterTheRingWrapsSeveralTimes_AreTheNewestOldestFirst()
    {
        var recent = new RecentEventIds(3);
        foreach (var key in Enumerable.Range(1, 8))
        {
            recent.Remember((ulong)key);
        }

        Assert.Equal([6UL, 7UL, 8UL], recent.Keys);
        Assert.False(recent.Contains(5));
        Assert.False(recent.Remember(8));
        Assert.Equal([6UL, 7UL, 8UL], new RecentEventIds(3, recent.Keys).Keys);
    }

    [Fact]
    public void Constructor_RestoredKeys_AreRemembered()
    {
        var recent = new RecentEventIds(3, [7, 8]);

        Assert.False(recent.Remember(7));
        Assert.True(recent.Remember(9));
    }

    [Theory]
    [InlineData("/a", "bc", "/ab", "c")]
    [InlineData("/src", "1", "/src", "2")]
    [InlineData("/src", "12", "/src1", "2")]
    public void KeyOf_DifferentEvents_DifferentKeys(string source1, string id1, string source2, string id2) =>
        Assert.NotEqual(RecentEventIds.KeyOf(source1, id1), RecentEventIds.KeyOf(source2, id2));
}
