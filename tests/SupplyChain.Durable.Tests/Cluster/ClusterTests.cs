using System.Text.Json;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Cluster;

/// <summary>Two real silo processes on one Azurite: one cluster, one activation per grain, and state that outlives every silo.</summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private static readonly string[] Lifecycle = ["PickedUp", "ArrivedAtFacility", "DepartedFacility", "OutForDelivery"];
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task TwoSilos_FormOneCluster_AndAFullRestartBringsEveryShipmentBack()
    {
        var clusterId = "two-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = SiloProcess.Create("silo-a", _azurite.ConnectionString, clusterId);
        await using var b = SiloProcess.Create("silo-b", _azurite.ConnectionString, clusterId);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await Eventually.True(async () => await Membership.ActiveAsync(_azurite, clusterId) == 2, "both silos Active in the membership table");

        var shipments = Enumerable.Range(0, 12).Select(_ => NewKey("CL")).ToList();
        using var carrierA = a.Client(SiloProcess.CarrierKey);
        for (var step = 0; step < Lifecycle.Length; step++)
        {
            await PostAccepted(carrierA, [.. shipments.Select(tn => Scan(tn, Lifecycle[step], T0.AddMinutes(step * 10)))]);
        }

        // Written through silo A, read through silo B: the grains are the cluster's, not a silo's.
        using var readerB = b.Client();
        var before = new Dictionary<string, string>();
        foreach (var tn in shipments)
        {
            var view = await Eventually.Until(
                () => GetJson(readerB, $"/api/shipments/{tn}"),
                v => v is { } s && s.GetProperty("milestones").GetArrayLength() == Lifecycle.Length,
                $"{tn} to have every milestone");
            Assert.Equal("OutForDelivery", view!.Value.GetProperty("status").GetString());
            before[tn] = view.Value.GetRawText();
        }

        await Task.WhenAll(a.StopAsync(), b.StopAsync());
        Assert.Equal(0, await Membership.ActiveAsync(_azurite, clusterId));
        await Task.WhenAll(a.StartAsync(), b.StartAsync());

        using var readerA = a.Client();
        foreach (var tn in shipments)
        {
            var after = await GetJson(readerA, $"/api/shipments/{tn}");
            Assert.NotNull(after);
            Assert.Equal(before[tn], after.Value.GetRawText());
        }
    }
}
