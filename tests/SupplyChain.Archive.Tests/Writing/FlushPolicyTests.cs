using SupplyChain.Archive.Writing;

namespace SupplyChain.Archive.Tests.Writing;

public sealed class FlushPolicyTests
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan LastWrite = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void NothingBuffered_WaitsForARecord() =>
        Assert.Null(FlushPolicy.WaitBeforeWrite(0, TimeSpan.Zero, behind: false, 10_000, MaxDelay, LastWrite));

    [Fact]
    public void FewRecords_WaitUntilTheOldestHasWaitedMaxDelay() =>
        Assert.Equal(TimeSpan.FromSeconds(3), FlushPolicy.WaitBeforeWrite(10, TimeSpan.FromSeconds(2), behind: false, 10_000, MaxDelay, LastWrite));

    [Fact]
    public void OldestHasWaitedMaxDelay_WritesNow() =>
        Assert.Equal(TimeSpan.Zero, FlushPolicy.WaitBeforeWrite(10, MaxDelay, behind: false, 10_000, MaxDelay, LastWrite));

    [Fact]
    public void AFilesWorthOfRecords_WritesNow() =>
        Assert.Equal(TimeSpan.Zero, FlushPolicy.WaitBeforeWrite(10_000, TimeSpan.Zero, behind: false, 10_000, MaxDelay, LastWrite));

    [Fact]
    public void AConsumerBehind_WaitsAsLongAsTheLastWriteTook_ForTheConsumersItReleased() =>
        Assert.Equal(TimeSpan.FromMilliseconds(15), FlushPolicy.WaitBeforeWrite(1, TimeSpan.FromMilliseconds(5), behind: true, 10_000, MaxDelay, LastWrite));

    [Fact]
    public void AConsumerBehind_OldestWaitedAsLongAsTheLastWrite_WritesNow() =>
        Assert.Equal(TimeSpan.Zero, FlushPolicy.WaitBeforeWrite(1, LastWrite, behind: true, 10_000, MaxDelay, LastWrite));

    [Fact]
    public void AConsumerBehind_BeforeAnyWrite_WritesNow() =>
        Assert.Equal(TimeSpan.Zero, FlushPolicy.WaitBeforeWrite(1, TimeSpan.Zero, behind: true, 10_000, MaxDelay, lastWrite: TimeSpan.Zero));

    [Fact]
    public void AConsumerBehind_ASlowWrite_NeverWaitsLongerThanMaxDelay() =>
        Assert.Equal(MaxDelay, FlushPolicy.WaitBeforeWrite(1, TimeSpan.Zero, behind: true, 10_000, MaxDelay, lastWrite: TimeSpan.FromSeconds(40)));

    [Fact]
    public void AConsumerBehind_AFilesWorthOfRecords_WritesNow() =>
        Assert.Equal(TimeSpan.Zero, FlushPolicy.WaitBeforeWrite(10_000, TimeSpan.Zero, behind: true, 10_000, MaxDelay, LastWrite));

    [Fact]
    public void AFullDelivery_IsBehind() =>
        Assert.True(FlushPolicy.DeliveryIsBehind(16, 16, Now, Now, MaxDelay));

    [Fact]
    public void ASmallDeliveryOfFreshMessages_IsNotBehind() =>
        Assert.False(FlushPolicy.DeliveryIsBehind(3, 16, Now - TimeSpan.FromSeconds(1), Now, MaxDelay));

    [Fact]
    public void ASmallDeliveryWhoseOldestMessageWaitedMaxDelay_IsBehind() =>
        Assert.True(FlushPolicy.DeliveryIsBehind(3, 16, Now - MaxDelay, Now, MaxDelay));

    [Fact]
    public void ASmallDeliveryOfMessagesWithoutAPublishTime_IsNotBehind() =>
        Assert.False(FlushPolicy.DeliveryIsBehind(3, 16, null, Now, MaxDelay));

    private static DateTimeOffset Now => new(2026, 12, 4, 13, 0, 0, TimeSpan.Zero);
}
