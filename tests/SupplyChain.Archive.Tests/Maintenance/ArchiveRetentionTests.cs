using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupplyChain.Archive.Hosting;
using SupplyChain.Archive.Maintenance;
using SupplyChain.Archive.Storage;
using SupplyChain.Archive.Tracks;

namespace SupplyChain.Archive.Tests.Maintenance;

public sealed class ArchiveRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 10, 9, 30, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "archive-retention-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task DaysBeforeTheCutoff_AreDeletedWhole_EventsAndTracks_LaterDaysStay()
    {
        var store = new DirectoryArchiveStore(_root);
        DateTimeOffset[] hours = [Now.AddDays(-3), Now.AddDays(-2).AddHours(-9).AddMinutes(-31), Now.AddDays(-2).AddHours(-9), Now.AddHours(-1)];
        foreach (var hour in hours.Select(ArchiveLayout.HourOf))
        {
            await store.WriteAsync(ArchiveLayout.FileOf(hour, "w", 1), new byte[] { 1 }, TestContext.Current.CancellationToken);
            await store.WriteAsync(TrackLayout.TrackFileOf(hour), new byte[] { 1 }, TestContext.Current.CancellationToken);
        }

        var retention = new ArchiveRetention(store, Options.Create(new ArchiveOptions { RetentionDays = 2 }), new FakeTimeProvider(Now), NullLogger<ArchiveRetention>.Instance);
        var deleted = await retention.DeleteExpiredAsync(TestContext.Current.CancellationToken);

        // Kept: 2026-12-08 and later (two days before 2026-12-10); gone: 2026-12-07 (two hours) entirely, folders too.
        Assert.Equal(4, deleted);
        var left = await store.ListAsync("events/", TestContext.Current.CancellationToken).Select(f => f.Path[..23]).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["events/date=2026-12-08/", "events/date=2026-12-10/"], left.Order());
        Assert.False(Directory.Exists(Path.Combine(_root, "events", "date=2026-12-07")));
        Assert.False(Directory.Exists(Path.Combine(_root, "tracks", "date=2026-12-07")));
    }

    [Fact]
    public async Task NoRetention_DeletesNothing()
    {
        var store = new DirectoryArchiveStore(_root);
        await store.WriteAsync(ArchiveLayout.FileOf(ArchiveLayout.HourOf(Now.AddYears(-5)), "w", 1), new byte[] { 1 }, TestContext.Current.CancellationToken);
        var retention = new ArchiveRetention(store, Options.Create(new ArchiveOptions()), new FakeTimeProvider(Now), NullLogger<ArchiveRetention>.Instance);
        Assert.Equal(0, await retention.DeleteExpiredAsync(TestContext.Current.CancellationToken));
    }
}
