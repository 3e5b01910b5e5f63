using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupplyChain.Archive.Hosting;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Archive.Tracks;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;

// dotnet run -c Release --project tools/SupplyChain.ArchiveBench -- [directory] [vehicles] [seconds between pings] [queries] [noindex]
// Writes a day of pings of the fleet into the directory as the archive writes it (files of 10,000
// records, every vehicle's pings spread over the hour's files), builds each hour's track index, then
// reads one random vehicle's whole day through the TrackReader, as GET /api/vehicles/{id}/track does.
var directory = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "archive-bench");
var vehicles = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var interval = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
var queries = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
// "noindex" times the same queries over the event files alone, as before the hours are indexed.
var indexed = args.Length <= 4 || args[4] != "noindex";
const int RecordsPerFile = ArchiveOptions.DefaultRecordsPerFile;

if (Directory.Exists(directory))
{
    Directory.Delete(directory, recursive: true);
}

var store = new DirectoryArchiveStore(directory);
await store.PrepareAsync(CancellationToken.None);
var day = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
var ids = Enumerable.Range(0, vehicles).Select(v => $"TRUCK-{v:D6}").ToArray();
var write = Stopwatch.StartNew();
long pings = 0;
long files = 0;
for (var hour = 0; hour < 24; hour++)
{
    var batch = new List<InboundEvent>(RecordsPerFile);
    for (var second = 0; second < 3600; second += interval)
    {
        var at = day.AddHours(hour).AddSeconds(second);
        for (var v = 0; v < vehicles; v++)
        {
            batch.Add(new PingReceived("/carriers/bench/gps", $"{ids[v]}-{hour:D2}{second:D4}", at.AddMilliseconds(v % 1000), ids[v],
                new GeoPoint(50 + (v * 0.0001) + (second * 0.00001), 4 + (hour * 0.01)), 60, 90, 8));
            if (batch.Count == RecordsPerFile)
            {
                await Flush(batch, day.AddHours(hour));
            }
        }
    }

    await Flush(batch, day.AddHours(hour));
}

write.Stop();
var bytes = new DirectoryInfo(directory).EnumerateFiles("*.parquet", SearchOption.AllDirectories).Sum(f => f.Length);
Console.WriteLine($"wrote {pings:N0} pings of {vehicles:N0} vehicles in {files:N0} files, {bytes / 1024.0 / 1024:N1} MiB ({bytes * 1000.0 / pings / 1024:N1} KiB per 1,000 pings), in {write.Elapsed.TotalSeconds:N1} s");

var indexer = new TrackIndexer(store, Options.Create(new ArchiveOptions()), TimeProvider.System, NullLogger<TrackIndexer>.Instance);
var index = Stopwatch.StartNew();
if (indexed)
{
    for (var hour = 0; hour < 24; hour++)
    {
        await indexer.IndexHourAsync(day.AddHours(hour), ended: true, CancellationToken.None);
    }

    index.Stop();
    var trackBytes = new DirectoryInfo(Path.Combine(directory, TrackLayout.TracksFolder)).EnumerateFiles("*.parquet", SearchOption.AllDirectories).Sum(f => f.Length);
    Console.WriteLine($"indexed 24 hours in {index.Elapsed.TotalSeconds:N1} s ({index.Elapsed.TotalSeconds / 24:N2} s an hour); track files {trackBytes / 1024.0 / 1024:N1} MiB");
}

var reader = new TrackReader(store);
var random = new Random(7);
var times = new List<double>();
for (var q = 0; q < queries; q++)
{
    var vehicle = ids[random.Next(vehicles)];
    var clock = Stopwatch.StartNew();
    var track = await reader.VehicleAsync(vehicle, day, day.AddDays(1).AddTicks(-1), CancellationToken.None);
    clock.Stop();
    times.Add(clock.Elapsed.TotalMilliseconds);
    if (track.Count != 24 * (3600 / interval))
    {
        throw new InvalidOperationException($"{vehicle}: {track.Count} positions, expected {24 * (3600 / interval)}.");
    }
}

times.Sort();
Console.WriteLine($"one vehicle's day ({24 * (3600 / interval)} positions), {queries} queries: first {times[0]:N0} ms... p50 {times[times.Count / 2]:N0} ms, p95 {times[(int)(times.Count * 0.95)]:N0} ms, max {times[^1]:N0} ms");

async Task Flush(List<InboundEvent> batch, DateTimeOffset hour)
{
    if (batch.Count == 0)
    {
        return;
    }

    var content = await ArchiveFileWriter.EncodeAsync(batch, Array.Empty<OutboundEvent>(), CancellationToken.None);
    await store.WriteAsync(ArchiveLayout.FileOf(hour, "bench", ++files), content, CancellationToken.None);
    pings += batch.Count;
    batch.Clear();
}
