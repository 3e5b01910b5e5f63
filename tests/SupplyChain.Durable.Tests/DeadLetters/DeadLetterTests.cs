using System.Net;
using System.Text.Json;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.DeadLetters;

/// <summary>
/// A poison event (its shipment's stored state is corrupt, so every delivery fails) is
/// dead-lettered after the configured attempts, the stream moves on, and once the cause is
/// fixed the admin re-drives it.
/// </summary>
public sealed class DeadLetterTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task PoisonEvent_DeadLetteredAfterAttempts_StreamMovesOn_RedriveApplies()
    {
        // One partition: the poison event and the good one behind it share a stream.
        await using var silo = await SiloProcess.StartAsync(
            "silo", _azurite.ConnectionString, "deadletters",
            "--SupplyChain:Streams:Partitions=1",
            "--SupplyChain:DeadLetters:MaxAttempts=3",
            "--SupplyChain:Streams:DeliveryRetryDelay=00:00:00.200");
        using var carrier = silo.Client(SiloProcess.CarrierKey);
        using var admin = silo.Client(SiloProcess.AdminKey);
        var container = _azurite.Blobs.GetBlobContainerClient("grainstate");

        var known = NewKey("DLK");
        await PostAccepted(carrier, Scan(known, "PickedUp", T0));
        await Eventually.True(async () => await GetJson(carrier, $"/api/shipments/{known}") is not null, "the first shipment");
        var knownBlob = await Eventually.Until(() => ShipmentBlobs.NameOf(container, known), name => name is not null, "the first shipment's blob");

        var poison = NewKey("DLP");
        var poisonBlob = container.GetBlobClient(knownBlob!.Replace(known, poison, StringComparison.Ordinal));
        await poisonBlob.UploadAsync(BinaryData.FromString("{ this is not a shipment"), TestContext.Current.CancellationToken);
        var poisonScan = Scan(poison, "PickedUp", T0);
        var after = NewKey("DLA");
        await PostAccepted(carrier, poisonScan);
        await PostAccepted(carrier, Scan(after, "PickedUp", T0));

        var letters = await Eventually.Until(() => GetJson(admin, "/api/deadletters"), l => l is { } list && list.GetArrayLength() == 1, "the dead letter");
        var letter = letters!.Value[0];
        Assert.Equal(poison, letter.GetProperty("key").GetString());
        Assert.Equal(poisonScan["id"]!.GetValue<string>(), letter.GetProperty("eventId").GetString());
        Assert.Equal(3, letter.GetProperty("attempts").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(letter.GetProperty("reason").GetString()));
        await Eventually.True(async () => await GetJson(carrier, $"/api/shipments/{after}") is not null, "the event behind the poison one");

        using (var forbidden = await carrier.GetAsync("/api/deadletters", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        await poisonBlob.DeleteAsync(cancellationToken: TestContext.Current.CancellationToken);
        var id = letter.GetProperty("id").GetString();
        using (var redrive = await admin.PostAsync($"/api/deadletters/{id}/redrive", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, redrive.StatusCode);
        }

        var view = await Eventually.Until(() => GetJson(carrier, $"/api/shipments/{poison}"), v => v is not null, "the re-driven scan", TimeSpan.FromSeconds(60));
        Assert.Equal("InTransit", view!.Value.GetProperty("status").GetString());
        Assert.Equal(0, (await GetJson(admin, "/api/deadletters"))!.Value.GetArrayLength());
        using var gone = await admin.PostAsync($"/api/deadletters/{id}/redrive", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
