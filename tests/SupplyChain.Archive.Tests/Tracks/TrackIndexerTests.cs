using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupplyChain.Archive.Erasure;
using SupplyChain.Archive.Hosting;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Archive.Tracks;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Archive.Tests.Tracks;

/// <summary>The track index of an hour as it fills (segments), merged, ended, and from before segments; read back by <see cref="TrackReader"/>.</summary>
public sealed class TrackIndexerTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 12, 4, 13, 0, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "track-index-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Hour.AddMinutes(30));
    private readonly CountingStore _store;
    private readonly TrackIndexer _indexer;
    private readonly TrackReader _reader;
    private readonly VehicleHistoryReader _history;
    private int _files;

    public TrackIndexerTests()
    {
        _store = new CountingStore(new DirectoryArchiveStore(_root));
        _indexer = new TrackIndexer(_store, Options.Create(new ArchiveOptions()), _time, NullLogger<TrackIndexer>.Instance);
        _reader = new TrackReader(_store);
        _history = new VehicleHistoryReader(_store);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task TheCurrentHour_IsReadFromItsIndex_NotFromEveryEventFile()
    {
        // An archive writer adds a file every few seconds at a fleet's rate: a hundred files so far this hour.
        for (var i = 0; i < 100; i++)
        {
            await WriteEventFileAsync(Ping("A", i), Ping("B", i));
        }

        Assert.Equal(1, await _indexer.IndexDueHoursAsync(Ct));
        await WriteEventFileAsync(Ping("A", 100));

        _store.Opened = 0;
        var track = await TrackAsync("A");
        Assert.Equal(Enumerable.Range(0, 101).Select(Second), track.Select(p => p.Time));
        Assert.Equal(2, _store.Opened); // the segment, and the one file archived since the pass
    }

    [Fact]
    public async Task EachPass_AddsASegmentOfTheNewFiles_AndCopiesAcrossThemAreReadOnce()
    {
        await WriteEventFileAsync(Ping("A", 0), Ping("A", 1), Ping("B", 0));
        await _indexer.IndexDueHoursAsync(Ct);
        // A stream message delivered again after a crash: ping 1 archived twice, in files of two passes.
        await WriteEventFileAsync(Ping("A", 1), Ping("A", 2));
        await _indexer.IndexDueHoursAsync(Ct);

        var manifest = await ManifestAsync();
        Assert.Equal([TrackLayout.SegmentOf(Hour, 1), TrackLayout.SegmentOf(Hour, 2)], manifest.Tracks);
        Assert.Equal(2, manifest.Covers.Count);
        Assert.Equal([Second(0), Second(1), Second(2)], (await TrackAsync("A")).Select(p => p.Time));
        Assert.Equal(0, await _indexer.IndexDueHoursAsync(Ct));
    }

    [Fact]
    public async Task AnHourOfMaxTrackFiles_IsMergedIntoOne_AndTheReplacedSegmentsGoOnTheNextPass()
    {
        for (var i = 0; i < TrackIndexer.MaxTrackFiles; i++)
        {
            await WriteEventFileAsync(Ping("A", i));
            await _indexer.IndexDueHoursAsync(Ct);
        }

        var full = await ManifestAsync();
        Assert.Equal(TrackIndexer.MaxTrackFiles, full.Tracks!.Count);
        string[] segments = [.. full.Tracks!, .. full.Events!];

        await WriteEventFileAsync(Ping("A", TrackIndexer.MaxTrackFiles));
        await _indexer.IndexDueHoursAsync(Ct);
        var merged = await ManifestAsync();
        Assert.Equal([TrackLayout.TrackFileOf(Hour)], merged.Tracks);
        Assert.Equal([TrackLayout.VehicleEventsOf(Hour)], merged.Events);
        Assert.Equal(segments, merged.Retired);
        Assert.Equal(TrackIndexer.MaxTrackFiles + 1, merged.Points);
        // A reader that read the previous manifest a moment ago still finds its segments.
        Assert.All(segments, s => Assert.True(File.Exists(Path.Combine(_root, s))));

        await _indexer.IndexDueHoursAsync(Ct);
        Assert.Null((await ManifestAsync()).Retired);
        Assert.All(segments, s => Assert.False(File.Exists(Path.Combine(_root, s))));
        Assert.Equal(Enumerable.Range(0, TrackIndexer.MaxTrackFiles + 1).Select(Second), (await TrackAsync("A")).Select(p => p.Time));
    }

    [Fact]
    public async Task AnHourThatEnded_IsMergedOnceIndexAfterHasPassed_AndALateFileMergedAgain()
    {
        await WriteEventFileAsync(Ping("A", 0));
        await _indexer.IndexDueHoursAsync(Ct);
        await WriteEventFileAsync(Ping("A", 1));
        _time.SetUtcNow(Hour.AddHours(1) + ArchiveOptions.DefaultIndexAfter - TimeSpan.FromSeconds(1));
        await _indexer.IndexDueHoursAsync(Ct);
        Assert.Equal(2, (await ManifestAsync()).Tracks!.Count);

        _time.SetUtcNow(Hour.AddHours(1) + ArchiveOptions.DefaultIndexAfter);
        await _indexer.IndexDueHoursAsync(Ct);
        Assert.Equal([TrackLayout.TrackFileOf(Hour)], (await ManifestAsync()).Tracks);

        await WriteEventFileAsync(Ping("A", 2));
        Assert.Equal(1, await _indexer.IndexDueHoursAsync(Ct));
        var manifest = await ManifestAsync();
        Assert.Equal([TrackLayout.TrackFileOf(Hour)], manifest.Tracks);
        Assert.Equal(3, manifest.Points);
        Assert.Equal([Second(0), Second(1), Second(2)], (await TrackAsync("A")).Select(p => p.Time));
    }

    [Fact]
    public async Task AManifestFromBeforeSegments_IsReadAsTheHoursOneTrackFile_AndTheHourIndexedAgainWhole()
    {
        var file = await WriteEventFileAsync(Ping("A", 0), Ping("A", 1));
        var track = TrackPoints.SortedDistinct([new TrackPoint("A", Second(0), 52, 4, null, null, null), new TrackPoint("A", Second(1), 52, 4, null, null, null)], byVehicle: true);
        await _store.WriteAsync(TrackLayout.TrackFileOf(Hour), await TrackFile.EncodeAsync(track, Ct), Ct);
        await _store.WriteAsync(TrackLayout.ManifestOf(Hour), JsonSerializer.SerializeToUtf8Bytes(new { Covers = new[] { file }, Points = 2 }), Ct);
        Assert.Equal([Second(0), Second(1)], (await TrackAsync("A")).Select(p => p.Time));

        // It kept no vehicle events: the next pass indexes the hour again from all its files.
        await WriteEventFileAsync(Ping("A", 2));
        await _indexer.IndexDueHoursAsync(Ct);
        var manifest = await ManifestAsync();
        Assert.Equal([TrackLayout.TrackFileOf(Hour)], manifest.Tracks);
        Assert.Equal([TrackLayout.VehicleEventsOf(Hour)], manifest.Events);
        Assert.Equal(2, manifest.Covers.Count);
        Assert.Equal([Second(0), Second(1), Second(2)], (await TrackAsync("A")).Select(p => p.Time));
    }

    [Fact]
    public async Task AVehiclesOwnEvents_AreReadFromTheIndex_NotFromEveryEventFile()
    {
        for (var i = 0; i < 50; i++)
        {
            await WriteEventFileAsync([Ping("A", i)], i % 10 == 0 ? [Stop("A", i), Stop("B", i), ShipmentEvent(i)] : []);
        }

        await _indexer.IndexDueHoursAsync(Ct);
        await WriteEventFileAsync([], [Stop("A", 50)]);

        _store.Read = 0;
        var history = await _history.VehicleAsync("A", Hour, Hour.AddHours(1), Ct);
        Assert.Equal([0, 10, 20, 30, 40, 50], history.Select(r => (int)(r.Time - Second(0)).TotalSeconds));
        Assert.All(history, r => Assert.Equal(EventTypes.VehicleSource("A"), r.Source));
        Assert.Equal(2, _store.Read); // the index's one segment of vehicle events, and the file archived since
    }

    [Fact]
    public async Task AnIndexedVehicleEvent_IsErasedFromTheIndexToo()
    {
        await WriteEventFileAsync([Ping("A", 0)], [Stop("A", 0, "1Z999", "1Z111")]);
        await _indexer.IndexDueHoursAsync(Ct);
        var erasure = new ArchiveErasure(_store, NullLogger<ArchiveErasure>.Instance);
        var shipment = new ErasedShipment("1Z999", "1Z999", new HashSet<string> { "A" });

        await erasure.EraseAsync(shipment, Hour, Hour.AddHours(1), Ct);
        Assert.Contains("1Z999", Assert.Single(await _history.VehicleAsync("A", Hour, Hour.AddHours(1), Ct)).Data!, StringComparison.Ordinal);
        var scrubbed = await erasure.ScrubIndexAsync(shipment, Hour, Ct);

        Assert.Equal(1, scrubbed.RecordsRedacted);
        var data = Assert.Single(await _history.VehicleAsync("A", Hour, Hour.AddHours(1), Ct)).Data!;
        Assert.DoesNotContain("1Z999", data, StringComparison.Ordinal);
        Assert.Contains("1Z111", data, StringComparison.Ordinal);
    }

    private static DateTimeOffset Second(int i) => Hour.AddMinutes(1).AddSeconds(i);

    private static PingReceived Ping(string vehicle, int i) =>
        new("/carriers/test/gps", $"{vehicle}-{i}", Second(i), vehicle, new GeoPoint(52 + (i * 0.001), 4), null, null, null);

    /// <summary>A stop of vehicle <paramref name="vehicle"/> as it raises it, naming the shipments on board.</summary>
    private static OutboundEvent Stop(string vehicle, int i, params string[] onBoard) =>
        new($"stop-{vehicle}-{i}", EventTypes.NoMovementDetected, EventTypes.VehicleSource(vehicle), vehicle, Second(i),
            JsonSerializer.Serialize(new { vehicleId = vehicle, trackingNumbers = onBoard }));

    /// <summary>An event a shipment raised on the vehicle's trip, not the vehicle's own.</summary>
    private static OutboundEvent ShipmentEvent(int i) =>
        new($"eta-{i}", EventTypes.EtaRecalculated, "/supplychain/shipments/1Z1", "1Z1", Second(i), """{"vehicleId":"A"}""");

    private Task<string> WriteEventFileAsync(params PingReceived[] pings) => WriteEventFileAsync(pings, []);

    private async Task<string> WriteEventFileAsync(PingReceived[] pings, OutboundEvent[] outbound)
    {
        var path = ArchiveLayout.FileOf(Hour, "w", ++_files);
        await _store.WriteAsync(path, await ArchiveFileWriter.EncodeAsync(pings, outbound, Ct), Ct);
        return path;
    }

    private Task<IReadOnlyList<TrackPoint>> TrackAsync(string vehicle) => _reader.VehicleAsync(vehicle, Hour, Hour.AddHours(1), Ct);

    private async Task<TrackIndexManifest> ManifestAsync() => (await TrackIndexer.ReadManifestAsync(_store, Hour, Ct))!;

    /// <summary>The real store, counting the files opened for ranged reads and the files read whole.</summary>
    private sealed class CountingStore(IArchiveStore inner) : IArchiveStore
    {
        private int _opened;
        private int _read;

        public int Opened
        {
            get => _opened;
            set => _opened = value;
        }

        public int Read
        {
            get => _read;
            set => _read = value;
        }

        public string Location => inner.Location;

        public Task PrepareAsync(CancellationToken cancellationToken) => inner.PrepareAsync(cancellationToken);

        public Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.WriteAsync(path, content, cancellationToken);

        public IAsyncEnumerable<ArchiveFile> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

        public IAsyncEnumerable<string> ListFoldersAsync(string prefix, CancellationToken cancellationToken) => inner.ListFoldersAsync(prefix, cancellationToken);

        public Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
        {
            if (ArchiveLayout.IsEventFile(path) && !path.EndsWith("manifest.json", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _read);
            }

            return inner.ReadAsync(path, cancellationToken);
        }

        public Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _opened);
            return inner.OpenReadAsync(path, cancellationToken);
        }

        public Task DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);
    }
}
