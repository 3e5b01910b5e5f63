using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;

namespace SupplyChain.Replay.Tests.Infrastructure;

/// <summary>
/// An archive directory written with the archive's own file writer: <see cref="Hours"/> hours, each
/// with files from two writers (as two silos write them) of pings of vehicles of their own, the
/// second writer's first file repeating a row of the first's (a redelivered event's copy).
/// </summary>
internal sealed class RecordedArchive : IDisposable
{
    public const int Hours = 3;
    public const int PingsPerFile = 120;
    public const string Source = "/carriers/acme/devices/gps";

    private RecordedArchive(string directory, DateTimeOffset firstHour, IReadOnlyList<PingReceived> pings)
    {
        Directory = directory;
        FirstHour = firstHour;
        Pings = pings;
    }

    public string Directory { get; }

    public DateTimeOffset FirstHour { get; }

    /// <summary>Every ping written, each once.</summary>
    public IReadOnlyList<PingReceived> Pings { get; }

    public DateTimeOffset LastTime => Pings.Max(p => p.Time);

    public static async Task<RecordedArchive> WriteAsync(DateTimeOffset firstHour, string vehiclePrefix)
    {
        var directory = Path.Combine(Path.GetTempPath(), "replay-source-" + Guid.NewGuid().ToString("N"));
        var store = new DirectoryArchiveStore(directory);
        var all = new List<PingReceived>();
        for (var h = 0; h < Hours; h++)
        {
            var hour = firstHour.AddHours(h);
            foreach (var writer in new[] { "a", "b" })
            {
                var vehicle = $"{vehiclePrefix}-{writer.ToUpperInvariant()}";
                // Pings every 30 s from the start of the hour, creeping north: valid, plausible fixes.
                PingReceived[] pings = [.. Enumerable.Range(0, PingsPerFile).Select(i =>
                    new PingReceived(Source, $"{vehicle}-{h}-{i}", hour.AddSeconds(i * 30), vehicle, new GeoPoint(51.0 + (h * 0.1) + (i * 0.0005), 5.0), 60, 0, 8))];
                all.AddRange(pings);
                InboundEvent[] rows = writer == "b" && h == 0 ? [.. pings, all[0]] : pings;
                await store.WriteAsync(ArchiveLayout.FileOf(hour, writer, h), await ArchiveFileWriter.EncodeAsync(rows, [], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            }
        }

        return new RecordedArchive(directory, firstHour, all);
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
