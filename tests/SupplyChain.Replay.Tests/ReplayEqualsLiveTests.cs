using System.Text.Json;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Reading;
using SupplyChain.Archive.Storage;
using SupplyChain.Replay.Posting;
using SupplyChain.Replay.Reading;
using SupplyChain.Replay.Replaying;
using SupplyChain.Replay.Tests.Infrastructure;
using SupplyChain.Scenarios;

namespace SupplyChain.Replay.Tests;

/// <summary>
/// The proof that detection on event time makes a replay equal live: a day of traffic recorded by
/// one silo's archive, replayed by the tool into a fresh silo as fast as it takes it, raises the
/// same outbound events (type, source, id, time and data) in the second silo's archive.
/// </summary>
public sealed class ReplayEqualsLiveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADayReplayedIntoAFreshSilo_RaisesTheSameOutboundEvents()
    {
        var day = new TrafficDay(DateTimeOffset.UtcNow.AddHours(-20));
        await using var live = await ArchivingSilo.StartAsync();
        await day.PrepareAsync(live.Silo);
        await day.PostLiveAsync(live.Silo);
        var from = day.From.AddHours(-1);
        var inbound = new ArchiveReader(new DirectoryArchiveStore(live.Directory));
        await Eventually.Until(
            () => inbound.ReadAsync(day.From, day.To, r => r.Direction == ArchiveDirection.Inbound, Ct),
            r => r.Count == day.EventCount, "the live day's events in its archive");
        var recorded = await Eventually.Until(
            () => ArchivedOutbound.ReadAsync(live.Directory, from),
            e => day.Trips.All(t => e.Any(x => x.Type == "SupplyChain.Delivered" && x.Source.EndsWith(t.TrackingNumber, StringComparison.Ordinal))),
            "every shipment's delivery in the live archive");

        // The day has what the rules exist for, so the comparison below compares something.
        string[] kinds = ["SupplyChain.GeofenceBreached", "SupplyChain.NoMovementDetected", "SupplyChain.GeofenceEntered", "SupplyChain.GeofenceExited", "SupplyChain.ETARecalculated", "SupplyChain.ArrivingSoon", "SupplyChain.ShipmentStatusChanged"];
        Assert.All(kinds, kind => Assert.Contains(recorded, e => e.Type == kind));

        await using var fresh = await ArchivingSilo.StartAsync();
        await day.PrepareAsync(fresh.Silo);
        using var client = fresh.Silo.Client(ArchivingSilo.CarrierKey);
        var progressFile = Path.Combine(Path.GetTempPath(), "replay-progress-" + Guid.NewGuid().ToString("N") + ".json");
        using var removeProgress = new FileRemoval(progressFile);
        var settings = new ReplaySettings(day.From, day.To, 100_000, 250, progressFile, 5);
        var replayer = new Replayer(new InboundHours(new DirectoryArchiveStore(live.Directory)), new EventPoster(client, settings.MaxAttempts, TimeProvider.System), new BindingBarrier(client, TimeProvider.System), client.BaseAddress!.AbsoluteUri, settings, TimeProvider.System);
        var outcome = await replayer.RunAsync(null, Ct);
        Assert.Equal(day.EventCount, outcome.Posted);
        Assert.Equal(0, outcome.Unsettled);

        // The replay has been applied (every truck at its last fix, every shipment delivered) before the
        // archives are compared, so what it raises late cannot slip past an early match.
        foreach (var trip in day.Trips)
        {
            var lastFix = trip.Steps.OfType<TripPing>().Max(p => p.At);
            await Eventually.True(
                async () => await CloudEvents.GetJson(client, $"/api/vehicles/{trip.VehicleId}") is { } v && v.TryGetProperty("location", out var l)
                    && l.ValueKind == JsonValueKind.Object && l.GetProperty("at").GetDateTimeOffset() == lastFix,
                $"{trip.VehicleId} at its last fix in the replay");
            await Eventually.True(
                async () => await CloudEvents.GetJson(client, $"/api/shipments/{trip.TrackingNumber}") is { } s && s.GetProperty("status").GetString() == "Delivered",
                $"{trip.TrackingNumber} delivered in the replay");
        }

        // Both archives are read again each time: the live one may still be writing its last events.
        var differences = await Eventually.Until(
            async () => ArchivedOutbound.Differences(await ArchivedOutbound.ReadAsync(live.Directory, from), await ArchivedOutbound.ReadAsync(fresh.Directory, from)),
            d => d.Count == 0, "the replay's outbound events to equal the live day's");
        Assert.Empty(differences);
    }

    /// <summary>Deletes the file when the test ends, passed or failed.</summary>
    private sealed class FileRemoval(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }
}
