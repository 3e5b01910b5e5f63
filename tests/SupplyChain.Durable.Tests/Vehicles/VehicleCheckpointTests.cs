using System.Text.Json;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Vehicles;

/// <summary>A vehicle writes its soft state once per checkpoint interval even when nothing meaningful changes.</summary>
public sealed class VehicleCheckpointTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task SteadyPings_CheckpointInterval_WritesTheLatestPosition()
    {
        await using var silo = await SiloProcess.StartAsync(
            "silo", _azurite.ConnectionString, "checkpoint", "--SupplyChain:Tracking:VehicleCheckpointInterval=00:00:01");
        using var client = silo.Client(SiloProcess.CarrierKey);
        var vehicle = NewKey("CKPT");
        await PostAccepted(client, Ping(vehicle, 51.0, 4.0, T0));

        // Steady driving: no stop, no geofence, no shipment; only the checkpoint writes the position.
        var sent = 1;
        var stored = await Eventually.Until(
            async () =>
            {
                await PostAccepted(client, Ping(vehicle, 51.0, 4.0 + sent * 0.0002, T0.AddSeconds(sent)));
                sent++;
                return await StoredFixTime(vehicle);
            },
            at => at > T0,
            "a checkpoint after the first ping",
            TimeSpan.FromSeconds(30));
        Assert.True(stored <= T0.AddSeconds(sent - 1));
    }

    private async Task<DateTimeOffset?> StoredFixTime(string vehicle)
    {
        var container = _azurite.Blobs.GetBlobContainerClient("grainstate");
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            if (blob.Name.StartsWith("vehicle-", StringComparison.Ordinal) && blob.Name.Contains(vehicle, StringComparison.Ordinal))
            {
                var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(TestContext.Current.CancellationToken);
                using var json = JsonDocument.Parse(content.Value.Content.ToString());
                return json.RootElement.TryGetProperty("Location", out var location) && location.ValueKind == JsonValueKind.Object
                    ? location.GetProperty("At").GetDateTimeOffset()
                    : null;
            }
        }

        return null;
    }
}
