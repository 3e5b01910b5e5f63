using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupplyChain.Archive.Hosting;
using SupplyChain.Archive.Reading;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Archive.Writing;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Testing;

namespace SupplyChain.Archive.Tests.Writing;

/// <summary>The writer against a real directory, with the clock in the test's hands.</summary>
public sealed class ArchiveWriterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 13, 0, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "archive-writer-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(T0);
    private ArchiveWriter? _writer;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.Stop(CancellationToken.None);
            _writer.Dispose();
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task FewRecords_AreWrittenOnceTheOldestHasWaitedMaxDelay_AndTheAppendCompletesThen()
    {
        var writer = await StartAsync(_root);
        var written = writer.AppendInbound(Pings("A", 10), behind: false);
        _time.Advance(ArchiveOptions.DefaultMaxDelay);

        await written.WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(10, (await ReadAllAsync(_root)).Count);
    }

    [Fact]
    public async Task AFilesWorthOfRecords_IsWrittenWithoutWaiting()
    {
        var writer = await StartAsync(_root);
        var first = writer.AppendInbound(Pings("A", 600), behind: false);
        var second = writer.AppendInbound(Pings("B", 600), behind: false);

        await Task.WhenAll(first, second).WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1_200, (await ReadAllAsync(_root)).Count);
        Assert.Single(Directory.GetFiles(_root, "*.parquet", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AConsumerBehind_IsWrittenWithoutWaiting()
    {
        var writer = await StartAsync(_root);
        await writer.AppendInbound(Pings("A", 3), behind: true).WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, (await ReadAllAsync(_root)).Count);
    }

    [Fact]
    public async Task AConsumerBehind_JoiningRecordsThatWait_BringsTheirWriteForward()
    {
        var writer = await StartAsync(_root);
        var waiting = writer.AppendInbound(Pings("A", 2), behind: false);
        var behind = writer.AppendInbound(Pings("B", 3), behind: true);

        await Task.WhenAll(waiting, behind).WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(5, (await ReadAllAsync(_root)).Count);
        Assert.Single(Directory.GetFiles(_root, "*.parquet", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AFailedWrite_FailsTheInboundAppend_AndKeepsTheOutboundRecordsForTheNextWrite()
    {
        // A regular file where the archive directory should be: every write fails until it is gone.
        var root = Path.Combine(_root, "blocked");
        Directory.CreateDirectory(_root);
        await File.WriteAllTextAsync(root, "not a directory", TestContext.Current.CancellationToken);
        var writer = await StartAsync(root);
        writer.Record([Outbound("o-1")]);

        await Assert.ThrowsAnyAsync<IOException>(() => writer.AppendInbound(Pings("A", 2), behind: true).WaitAsync(TestContext.Current.CancellationToken));

        File.Delete(root);
        var again = writer.AppendInbound(Pings("A", 2), behind: true);
        // The writer pauses after a failure (on its clock) before it tries again.
        await Eventually.True(
            () =>
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                return Task.FromResult(again.IsCompleted);
            },
            "the write after the pause");
        await again;
        var records = await ReadAllAsync(root);
        Assert.Equal(["A-0", "A-1", "o-1"], records.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Stop_WritesWhatWaits()
    {
        var writer = await StartAsync(_root);
        var written = writer.AppendInbound(Pings("A", 4), behind: false);
        writer.Record([Outbound("o-1")]);

        await writer.Stop(CancellationToken.None);
        _writer = null;

        await written;
        Assert.Equal(5, (await ReadAllAsync(_root)).Count);
        Assert.Throws<InvalidOperationException>(void () => _ = writer.AppendInbound(Pings("B", 1), behind: false));
    }

    private async Task<ArchiveWriter> StartAsync(string root)
    {
        var options = Options.Create(new ArchiveOptions { RecordsPerFile = 1_000 });
        _writer = new ArchiveWriter(new DirectoryArchiveStore(root), options, _time, NullLogger<ArchiveWriter>.Instance);
        await _writer.Start(CancellationToken.None);
        return _writer;
    }

    private static Task<IReadOnlyList<ArchiveRecord>> ReadAllAsync(string root) =>
        new ArchiveReader(new DirectoryArchiveStore(root)).ReadAsync(T0.AddHours(-1), T0.AddHours(1), null, TestContext.Current.CancellationToken);

    private static InboundEvent[] Pings(string vehicle, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PingReceived("/carriers/test/gps", $"{vehicle}-{i}", T0.AddSeconds(i % 3000), vehicle, new GeoPoint(52, 4), null, null, null))];

    private static OutboundEvent Outbound(string id) =>
        new(id, EventTypes.GeofenceEntered, EventTypes.VehicleSource("A"), "A", T0, "{}");
}
