using SupplyChain.Archive.Writing;

namespace SupplyChain.Archive.Tests.Writing;

public sealed class FlushPolicyTests
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    [Fact]
    public void NothingBuffered_WaitsForARecord() =>
        Assert.Null(FlushPolicy.WaitBeforeWrite(0, TimeSpan.Zero, behind: false, 10_000, MaxDelay));

    [Fact]
    public void FewRecords_WaitUntilTheOldestHasWaitedMaxDelay() =>
        Assert.Equal(TimeSpan.FromSeconds(3), FlushPolicy.WaitBeforeWrite(10, TimeSpan.FromSeconds(2), behind: false, 10_000, MaxDelay));

    [Fact]
    public void OldestHasWaitedMaxDelay_WritesNow() =>
        Assert.Equal(TimeSpan.Zero, FlushPolicy.WaitBeforeWrite(10, MaxDelay, behind: false, 10_000, MaxDelay));

    [Fact]
    public void AFilesWorthOfRecords_WritesNow() =>
        Assert.Equal(TimeSpan.Zero, FlushPolicy.WaitBeforeWrite(10_000, TimeSpan.Zero, behind: false, 10_000, MaxDelay));

    [Fact]
    public void AConsumerBehind_WritesNow() =>
        Assert.Equal(TimeSpan.Zero, FlushPolicy.WaitBeforeWrite(1, TimeSpan.Zero, behind: true, 10_000, MaxDelay));

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
