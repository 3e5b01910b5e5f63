using System.Text.Json;
using SupplyChain.Analytics;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Archive.Tests.Analytics;

/// <summary>The analytics queries of tools/SupplyChain.Analytics, run by DuckDB on files the archive's writer wrote.</summary>
public sealed class ArchiveReportTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "archive-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task OnTimeByLane_AndDwellByFacility_ComeFromTheArchiveAsWritten()
    {
        // Two shipments on RTM-1 -> DUS-1 (one on time, one late), one on RTM-1 -> AMS-1 (on time).
        List<InboundEvent> scans = [];
        List<OutboundEvent> etas = [];
        Journey("S1", "DUS-1", dwellMinutes: 60, deliveredAfterHours: 5, firstEtaAfterHours: 6);
        Journey("S2", "DUS-1", dwellMinutes: 120, deliveredAfterHours: 7, firstEtaAfterHours: 6);
        Journey("S3", "AMS-1", dwellMinutes: 30, deliveredAfterHours: 4, firstEtaAfterHours: 6);
        var store = new DirectoryArchiveStore(_root);
        await store.WriteAsync(ArchiveLayout.FileOf(T0, "test", 1), await ArchiveFileWriter.EncodeAsync(scans, etas, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        // A copy of some records in a later file, as a redelivery leaves them: the queries count each event once.
        await store.WriteAsync(ArchiveLayout.FileOf(T0, "test", 2), await ArchiveFileWriter.EncodeAsync(scans[..4], etas[..1], TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

        var (laneColumns, lanes) = await ArchiveReport.RunAsync("on-time-by-lane", _root);
        Assert.Equal(["lane", "delivered", "on_time_rate"], laneColumns);
        Assert.Equal(
            [("RTM-1 -> AMS-1", 1L, 1.0m), ("RTM-1 -> DUS-1", 2L, 0.5m)],
            lanes.Select(r => ((string)r[0]!, Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDecimal(r[2], System.Globalization.CultureInfo.InvariantCulture))));

        var (_, dwell) = await ArchiveReport.RunAsync("dwell-by-facility", _root);
        Assert.Equal(
            [("AMS-1", 1L, 30.0), ("DUS-1", 2L, 90.0)],
            dwell.Select(r => ((string)r[0]!, Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(r[2], System.Globalization.CultureInfo.InvariantCulture))));

        void Journey(string number, string destination, int dwellMinutes, int deliveredAfterHours, int firstEtaAfterHours)
        {
            var arrived = T0.AddHours(1);
            scans.Add(Scan(number, ScanType.PickedUp, T0, "RTM-1"));
            scans.Add(Scan(number, ScanType.ArrivedAtFacility, arrived, destination));
            scans.Add(Scan(number, ScanType.DepartedFacility, arrived.AddMinutes(dwellMinutes), destination));
            scans.Add(Scan(number, ScanType.Delivered, T0.AddHours(deliveredAfterHours), null));
            etas.Add(Eta(number, T0.AddMinutes(5), T0.AddHours(firstEtaAfterHours)));
            etas.Add(Eta(number, T0.AddMinutes(50), T0.AddHours(firstEtaAfterHours + 3)));
        }
    }

    private static ScanReceived Scan(string number, ScanType type, DateTimeOffset at, string? facility) =>
        new("/carriers/test/scanners", $"{number}-{type}", at, number, type, new GeoPoint(51, 4), facility, null, null);

    private static OutboundEvent Eta(string number, DateTimeOffset at, DateTimeOffset eta) =>
        new($"{number}-eta-{at:HHmm}", EventTypes.EtaRecalculated, EventTypes.ShipmentSource(number), number, at,
            JsonSerializer.Serialize(new { trackingNumber = number, eta, previousEta = (DateTimeOffset?)null, remainingKm = 100 }));
}
