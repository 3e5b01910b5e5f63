using Microsoft.Extensions.Logging.Abstractions;
using SupplyChain.Grains.Tests.Infrastructure;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>How a subscription's writes are shared, against a write that counts its calls (no grain, no storage).</summary>
public sealed class WriteBehindTests
{
    private int _writes;

    [Fact]
    public async Task Save_CallersDuringAWrite_ShareTheNextWrite()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var writes = new WriteBehind(async () => { _writes++; await gate.Task; }, NullLogger.Instance, "sub_1");

        var first = writes.Save();
        var second = writes.Save();
        var third = writes.Save();
        Assert.False(second.IsCompleted);
        gate.SetResult();
        await Task.WhenAll(first, second, third);

        Assert.Equal(2, _writes);
        Assert.False(writes.HasUnsaved);
    }

    [Fact]
    public async Task Save_EveryCall_EndsAfterAWriteThatBeganAfterIt()
    {
        using var writes = new WriteBehind(Count, NullLogger.Instance, "sub_1");

        await writes.Save();
        await writes.Save();

        Assert.Equal(2, _writes);
    }

    [Fact]
    public async Task SaveSoon_ManyChanges_StoredByOneWrite()
    {
        using var writes = new WriteBehind(Count, NullLogger.Instance, "sub_1");

        writes.SaveSoon();
        writes.SaveSoon();
        writes.SaveSoon();
        Assert.True(writes.HasUnsaved);
        await Eventually.Until(() => Task.FromResult(writes.HasUnsaved), unsaved => !unsaved, "the changes stored");

        Assert.Equal(1, _writes);
    }

    [Fact]
    public async Task SaveSoon_WriteFails_ChangesLeftToTheNextWrite()
    {
        var failing = true;
        using var writes = new WriteBehind(
            () =>
            {
                _writes++;
                return failing ? Task.FromException(new IOException("storage unavailable")) : Task.CompletedTask;
            },
            NullLogger.Instance,
            "sub_1");

        writes.SaveSoon();
        await Eventually.Until(() => Task.FromResult(_writes), n => n == 1, "the failed write");
        Assert.True(writes.HasUnsaved);

        failing = false;
        await writes.Save();
        Assert.False(writes.HasUnsaved);
    }

    [Fact]
    public async Task Alone_NoWriteRunsMeanwhile()
    {
        using var writes = new WriteBehind(Count, NullLogger.Instance, "sub_1");
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var leave = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var alone = writes.Alone(async () => { inside.SetResult(); await leave.Task; });
        await inside.Task;

        var save = writes.Save();
        Assert.Equal(0, _writes);
        leave.SetResult();
        await Task.WhenAll(alone, save);

        Assert.Equal(1, _writes);
    }

    [Fact]
    public async Task Close_ASaveWaitingBehindAWrite_FailsAndWritesNothing()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var writes = new WriteBehind(async () => { _writes++; await gate.Task; }, NullLogger.Instance, "sub_1");
        var running = writes.Save();
        var waiting = writes.Save();

        writes.Close();
        gate.SetResult();

        await running;
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        await Assert.ThrowsAsync<ObjectDisposedException>(writes.Save);
        Assert.Equal(1, _writes);
        Assert.True(writes.IsClosed);
    }

    private Task Count()
    {
        _writes++;
        return Task.CompletedTask;
    }
}
