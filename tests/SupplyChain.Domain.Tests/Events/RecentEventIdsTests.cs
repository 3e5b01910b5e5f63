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
        recent.Remember("a");
        recent.Remember("b");
        recent.Remember("c");

        Assert.False(recent.Contains("a"));
        Assert.True(recent.Contains("b"));
        Assert.Equal(["b", "c"], recent.Keys);
    }

    [Fact]
    public void Constructor_RestoredKeys_AreRemembered()
    {
        var recent = new RecentEventIds(3, ["x", "y"]);

        Assert.False(recent.Remember("x"));
        Assert.True(recent.Remember("z"));
    }
}
