using System.Text.Json.Nodes;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Streams;

/// <summary>
/// Stream messages filled to the byte bound still fit an Azure queue message (64 KB after base64):
/// a message over the limit would be refused by the queue, and the request answered 503.
/// </summary>
public sealed class MessageSizeTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task ARequestOfLargeEvents_InOnePartition_IsSplitIntoMessagesTheQueueTakes()
    {
        // One partition, and a window long enough that the whole request gathers: only the byte bound splits it.
        await using var silo = await SiloProcess.StartAsync(
            "silo", _azurite.ConnectionString, "size", "--SupplyChain:Streams:Partitions=1", "--SupplyChain:Streams:BatchWindow=00:00:00.500");
        using var carrier = silo.Client(SiloProcess.CarrierKey);
        // Long vehicle ids and long, partly non-ASCII event ids: the size estimate must count bytes, not characters.
        var vehicles = Enumerable.Range(0, 250).Select(i => $"{NewKey("LARGE-VEHICLE-WITH-A-LONG-NAME")}-{i:D3}").ToList();
        var pings = new List<JsonNode>();
        for (var round = 0; round < 4; round++)
        {
            pings.AddRange(vehicles.Select((v, i) => Ping(v, 50 + (i * 0.01), 8 + (round * 0.001), T0.AddSeconds(round * 10), id: $"{v}-ÜBERTRAGUNG-{round:D4}-{Guid.NewGuid():N}")));
        }

        await PostAccepted(carrier, [.. pings]);

        using var admin = silo.Client(SiloProcess.AdminKey);
        foreach (var vehicle in vehicles)
        {
            await Eventually.Until(
                () => GetJson(admin, $"/api/vehicles/{Uri.EscapeDataString(vehicle)}"),
                v => v is { } json && json.GetProperty("location").GetProperty("at").GetDateTimeOffset() == T0.AddSeconds(30),
                $"{vehicle}'s last ping");
        }
    }
}
