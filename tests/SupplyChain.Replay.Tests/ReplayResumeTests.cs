using System.Text.Json;
using SupplyChain.Archive.Reading;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Replay.Posting;
using SupplyChain.Replay.Reading;
using SupplyChain.Replay.Replaying;
using SupplyChain.Replay.Tests.Infrastructure;

namespace SupplyChain.Replay.Tests;

/// <summary>A replay interrupted part way continues from its progress file: nothing is lost, and what was posted is not posted again.</summary>
public sealed class ReplayResumeTests : IAsyncLifetime
{
    private const int BatchSize = 50;
    private ArchivingSilo? _target;
    private RecordedArchive? _source;
    private readonly string _progressFile = Path.Combine(Path.GetTempPath(), "replay-progress-" + Guid.NewGuid().ToString("N") + ".json");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ArchivingSilo Target => _target!;

    private RecordedArchive Source => _source!;

    public async ValueTask InitializeAsync()
    {
        _source = await RecordedArchive.WriteAsync(ArchiveLayout.HourOf(DateTimeOffset.UtcNow.AddHours(-6)), NewKey("RESUME"));
        _target = await ArchivingSilo.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _source?.Dispose();
        if (_target is not null)
        {
            await _target.DisposeAsync();
        }

        File.Delete(_progressFile);
    }

    [Fact]
    public async Task AnInterruptedReplay_ContinuesFromItsProgressFile_AndEveryEventArrives()
    {
        var total = Source.Pings.Count;
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Interrupted once the first hour's two files are posted and a batch of the second hour too.
        var firstRun = Replayer(new ReplaySettings(Source.FirstHour, Source.LastTime, 100_000, BatchSize, _progressFile, 3));
        var stopAfter = (2 * RecordedArchive.PingsPerFile) + BatchSize;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstRun.RunAsync(new CancelAt(stopAfter, interrupt), interrupt.Token));

        var saved = JsonDocument.Parse(await File.ReadAllTextAsync(_progressFile, Ct)).RootElement;
        Assert.Equal(stopAfter, saved.GetProperty("posted").GetInt64());
        Assert.Equal(Source.FirstHour.AddHours(1), saved.GetProperty("hour").GetDateTimeOffset());
        Assert.Equal(BatchSize, saved.GetProperty("position").GetInt32());
        Assert.False(saved.GetProperty("completed").GetBoolean());

        var secondRun = await Replayer(new ReplaySettings(Source.FirstHour, Source.LastTime, 100_000, BatchSize, _progressFile, 3)).RunAsync(null, Ct);
        Assert.Equal((stopAfter, total - stopAfter), (secondRun.Skipped, secondRun.Posted));

        // Every event reached the target at least once: its archive holds each source and id.
        var target = new ArchiveReader(new DirectoryArchiveStore(Target.Directory));
        var expected = Source.Pings.Select(p => (p.Source, p.Id)).ToHashSet();
        var arrived = await Eventually.Until(
            async () => (await target.ReadAsync(Source.FirstHour, Source.LastTime, r => r.Direction == ArchiveDirection.Inbound, Ct)).Select(r => r.IdentityKey).ToHashSet(),
            a => a.IsSupersetOf(expected), "every replayed event in the target's archive");
        Assert.Equal(expected.Count, arrived.Count);

        var thirdRun = await Replayer(new ReplaySettings(Source.FirstHour, Source.LastTime, 100_000, BatchSize, _progressFile, 3)).RunAsync(null, Ct);
        Assert.True(thirdRun.AlreadyComplete);
        Assert.Equal(0, thirdRun.Posted);
    }

    [Fact]
    public async Task AProgressFileOfAnotherRange_IsRefusedWithWhatDiffers()
    {
        await Replayer(new ReplaySettings(Source.FirstHour, Source.FirstHour.AddMinutes(10), 100_000, BatchSize, _progressFile, 3)).RunAsync(null, Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Replayer(new ReplaySettings(Source.FirstHour, Source.LastTime, 100_000, BatchSize, _progressFile, 3)).RunAsync(null, Ct));
        Assert.Contains("belongs to another replay", error.Message, StringComparison.Ordinal);
        Assert.Contains("range", error.Message, StringComparison.Ordinal);
    }

    private Replayer Replayer(ReplaySettings settings)
    {
        var client = Target.Silo.Client(ArchivingSilo.CarrierKey);
        return new Replayer(new InboundHours(new DirectoryArchiveStore(Source.Directory)), new EventPoster(client, settings.MaxAttempts, TimeProvider.System), new BindingBarrier(client, TimeProvider.System), client.BaseAddress!.AbsoluteUri, settings, TimeProvider.System);
    }

    private static string NewKey(string prefix) => CloudEvents.NewKey(prefix);

    /// <summary>Cancels the run once <paramref name="posted"/> events are accepted, as Ctrl+C would (reported synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class CancelAt(long posted, CancellationTokenSource interrupt) : IProgress<ReplayStatus>
    {
        public void Report(ReplayStatus value)
        {
            if (value.Posted >= posted)
            {
                interrupt.Cancel();
            }
        }
    }
}
