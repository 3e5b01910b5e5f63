using System.Text.Json.Nodes;
using SupplyChain.Archive.Reading;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Archive;

/// <summary>
/// The archive of a Durable silo process: Parquet blobs in Azurite, and no acknowledged event's record
/// lost to a <c>kill -9</c> while its file was not yet written.
/// </summary>
public sealed class ArchiveDurableTests : IAsyncLifetime
{
    private const string Container = "archive";
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    private IArchiveStore Store => new BlobArchiveStore(_azurite.Blobs.GetBlobContainerClient(Container));

    [Fact]
    public async Task PostedEvents_LandInBlobParquetFiles_WithinTheDelay()
    {
        await using var silo = await SiloProcess.StartAsync("silo", _azurite.ConnectionString, "archive-" + Guid.NewGuid().ToString("N")[..8],
            "--SupplyChain:Archive:MaxDelay=00:00:01");
        using var client = silo.Client(SiloProcess.CarrierKey);
        var vehicle = NewKey("ARCV");
        var number = NewKey("ARCS");
        JsonNode[] events = [.. Enumerable.Range(0, 50).Select(i => Ping(vehicle, 51.9 + (i * 0.001), 4.4, T0.AddSeconds(i * 5))), Scan(number, "PickedUp", T0)];
        await PostAccepted(client, events);

        var archived = await Eventually.Until(
            () => new ArchiveReader(Store).ReadAsync(T0.AddMinutes(-1), T0.AddMinutes(10), r => r.Subject == vehicle || r.TrackingNumber == number, TestContext.Current.CancellationToken),
            r => r.Count(x => x.Direction == ArchiveDirection.Inbound) == events.Length && r.Any(x => x.Direction == ArchiveDirection.Outbound),
            "the posted events and the scan's outbound event in the blob archive", TimeSpan.FromSeconds(60));

        Assert.Equal(events.Select(e => (string)e["id"]!).Order(), archived.Where(r => r.Direction == ArchiveDirection.Inbound).Select(r => r.Id).Order());
        Assert.Contains(archived, r => r.Type == "SupplyChain.ShipmentStatusChanged" && r.TrackingNumber == number);
        var files = await Store.ListAsync(ArchiveLayout.EventsFolder + "/", TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(files, f => Assert.Matches(@"^events/date=\d{4}-\d{2}-\d{2}/hour=\d{2}/[0-9T]+-[0-9a-f]{6}-\d{8}\.parquet$", f.Path));
    }

    [Fact]
    public async Task KillNine_BeforeTheFileIsWritten_TheEventsComeAgainAndAreArchived()
    {
        var clusterId = "archive-kill-" + Guid.NewGuid().ToString("N")[..8];
        // The silo waits long before writing, so the kill finds the events applied but not archived. (Longer
        // than the visibility timeout, which only a test would do: held messages are read a second time.)
        await using var silo = await SiloProcess.StartAsync("silo", _azurite.ConnectionString, clusterId,
            "--SupplyChain:Streams:VisibilityTimeout=00:00:10",
            "--SupplyChain:Archive:MaxDelay=00:00:20",
            "--SupplyChain:Archive:RecordsPerFile=1000000");
        using var client = silo.Client(SiloProcess.CarrierKey);
        var numbers = Enumerable.Range(0, 12).Select(_ => NewKey("KILL")).ToList();
        var vehicle = NewKey("KILLV");
        JsonNode[] events = [.. numbers.Select(n => Scan(n, "PickedUp", T0)), .. Enumerable.Range(0, 30).Select(i => Ping(vehicle, 52 + (i * 0.001), 5, T0.AddSeconds(i * 5)))];
        await PostAccepted(client, events);

        using var reader = silo.Client();
        await Eventually.True(
            async () => (await Task.WhenAll(numbers.Select(n => GetJson(reader, $"/api/shipments/{n}")))).All(v => v is not null),
            "every scan applied by the hot path");
        Assert.Empty(await Store.ListAsync(ArchiveLayout.EventsFolder + "/", TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        await silo.KillAsync();
        // The same address again: a new generation that takes over at once.
        await silo.StartAsync();

        var archived = await Eventually.Until(
            () => new ArchiveReader(Store).ReadAsync(T0.AddMinutes(-1), T0.AddMinutes(10), r => r.Direction == ArchiveDirection.Inbound, TestContext.Current.CancellationToken),
            r => r.Count(x => numbers.Contains(x.TrackingNumber!) || x.VehicleId == vehicle) == events.Length,
            "every acknowledged event archived after the restart", TimeSpan.FromSeconds(120));
        Assert.Equal(
            events.Select(e => (string)e["id"]!).Order(),
            archived.Where(x => numbers.Contains(x.TrackingNumber!) || x.VehicleId == vehicle).Select(r => r.Id).Order());
    }
}
