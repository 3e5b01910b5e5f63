using Azure.Data.Tables;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Reminders;

/// <summary>The idle-shipment reminder through Orleans' Azure Table reminder service, thresholds shrunk to seconds.</summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task IdleShipment_ReminderInAzureTable_Fires()
    {
        await using var silo = await SiloProcess.StartAsync(
            "silo", _azurite.ConnectionString, "reminders",
            "--SupplyChain:Cluster:MinimumReminderPeriod=00:00:01",
            "--SupplyChain:Tracking:ShipmentIdleThreshold=00:00:02");
        var tn = NewKey("IDLE");
        using var client = silo.Client(SiloProcess.CarrierKey);

        await PostAccepted(client, Scan(tn, "PickedUp", T0));

        var rows = await Eventually.Until(() => RemindersOf(tn), r => r.Count > 0, "the reminder row in Azure Table");
        Assert.Contains(rows, r => r.Contains("idle", StringComparison.Ordinal));
        var events = await Eventually.Until(
            () => GetJson(client, $"/api/shipments/{tn}/events"),
            e => e is { } list && list.EnumerateArray().Any(x => x.GetProperty("type").GetString() == "SupplyChain.NoMovementDetected"),
            "the idle alert raised by the reminder");
        Assert.Single(events!.Value.EnumerateArray(), x => x.GetProperty("type").GetString() == "SupplyChain.NoMovementDetected");
    }

    private async Task<List<string>> RemindersOf(string trackingNumber)
    {
        var rows = new List<string>();
        try
        {
            await foreach (var row in _azurite.Tables.GetTableClient("OrleansReminders").QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
            {
                if (row.GetString("GrainReference") is { } grain && grain.Contains(trackingNumber, StringComparison.Ordinal))
                {
                    rows.Add(row.GetString("ReminderName") ?? string.Empty);
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Created with the first reminder.
        }

        return rows;
    }
}
