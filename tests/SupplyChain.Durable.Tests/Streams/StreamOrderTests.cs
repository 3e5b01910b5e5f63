using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Streams;

/// <summary>Azure Queue streams keep each key's events in the order they were accepted.</summary>
public sealed class StreamOrderTests : IAsyncLifetime
{
    private const int Vehicles = 6;
    private const int PingsPerVehicle = 25;
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task EventsOfOneKey_SentOneAfterAnother_ArriveInOrder()
    {
        await using var silo = await SiloProcess.StartAsync("silo", _azurite.ConnectionString, "order");
        using var client = silo.Client(SiloProcess.CarrierKey);
        var vehicles = Enumerable.Range(0, Vehicles).Select(_ => NewKey("ORD")).ToList();
        var tn = NewKey("ORDTN");

        // Vehicles in parallel, each one's pings one request after another: any ping applied
        // before an earlier one makes the earlier one stale, and the vehicle counts it.
        var sending = vehicles.Select(async (vehicle, v) =>
        {
            for (var i = 0; i < PingsPerVehicle; i++)
            {
                await PostAccepted(client, Ping(vehicle, 51.0 + v * 0.1, 4.0 + i * 0.0002, T0.AddSeconds(i)));
            }
        }).ToList();
        string[] scans = ["PickedUp", "OutForDelivery", "DeliveryAttempted", "OutForDelivery", "Delivered"];
        for (var i = 0; i < scans.Length; i++)
        {
            await PostAccepted(client, Scan(tn, scans[i], T0.AddMinutes(i)));
        }

        await Task.WhenAll(sending);

        using var admin = silo.Client(SiloProcess.AdminKey);
        foreach (var vehicle in vehicles)
        {
            var view = await Eventually.Until(
                () => GetJson(admin, $"/api/vehicles/{vehicle}"),
                v => v is { } json && json.GetProperty("location").GetProperty("at").GetDateTimeOffset() == T0.AddSeconds(PingsPerVehicle - 1),
                $"{vehicle}'s last ping");
            Assert.Empty(view!.Value.GetProperty("ignoredPings").EnumerateObject());
        }

        var events = await Eventually.Until(
            () => GetJson(client, $"/api/shipments/{tn}/events"),
            e => e is { } list && list.EnumerateArray().Any(x => x.GetProperty("type").GetString() == "SupplyChain.Delivered"),
            "the delivery");
        var statuses = events!.Value.EnumerateArray()
            .Where(x => x.GetProperty("type").GetString() == "SupplyChain.ShipmentStatusChanged")
            .Select(x => x.GetProperty("data").GetProperty("status").GetString())
            .ToList();
        Assert.Equal(["InTransit", "OutForDelivery", "AttemptFail", "OutForDelivery", "Delivered"], statuses);
    }
}
