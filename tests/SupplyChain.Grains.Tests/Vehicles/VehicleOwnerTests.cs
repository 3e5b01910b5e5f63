using Orleans.Runtime;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Streams;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Grains.Accounts;
using SupplyChain.Grains.Tests.Infrastructure;

namespace SupplyChain.Grains.Tests.Vehicles;

/// <summary>
/// A vehicle answers for its owner from its own state, so a reporting vehicle is one activation, not
/// two; its ownership grain still decides the first claim, carries stored owners over and records transfers.
/// </summary>
public sealed class VehicleOwnerTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IVehicleGrain Vehicle(string vehicleId) => fixture.Client.GetGrain<IVehicleGrain>(vehicleId);

    private IOwnershipGrain Record(string vehicleId) => fixture.Client.GetGrain<IOwnershipGrain>(OwnedThing.Vehicle(vehicleId).Key);

    [Fact]
    public async Task ClaimedVehicles_KeepTheirOwner_AndLeaveNoOwnershipGrainActive()
    {
        var trucks = Enumerable.Range(0, 20).Select(i => NewTruck($"VO{i}")).ToList();
        foreach (var truck in trucks)
        {
            Assert.Equal(["ACME"], (await Vehicle(truck).ClaimOwner("ACME")).Select(o => o.Account));
        }

        var owner = Assert.Single(await Vehicle(trucks[0]).ClaimOwner("EVIL"));
        Assert.Equal(("ACME", trucks[0], null), (owner.Account, owner.Key, owner.TrackingToken));
        await Eventually.Until(ActiveOwnershipGrainsAsync, n => n == 0, "every vehicle's ownership grain let go");

        // Written with the vehicle's next write (here, as its idle activation goes), then read back by a
        // new activation without asking the ownership grain.
        Assert.Null((await fixture.Cluster.StoredVehicle(StorageNames.State, trucks[1]))?.Owner);
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.Equal("ACME", (await fixture.Cluster.StoredVehicle(StorageNames.State, trucks[1]))!.Owner);
        Assert.Equal(["ACME"], (await Vehicle(trucks[1]).GetOwners()).Select(o => o.Account));
        Assert.Equal(0, await ActiveOwnershipGrainsAsync());
    }

    [Fact]
    public async Task AVehicleWhoseOwnerOnlyItsOwnershipGrainKnows_LearnsIt_AndRefusesAnotherClaimant()
    {
        // As the release before vehicles kept their owner claimed it, or an old silo during a rolling upgrade.
        var truck = NewTruck("VOOLD");
        await Record(truck).Claim("ACME");

        Assert.Equal(["ACME"], (await Vehicle(truck).GetOwners()).Select(o => o.Account));
        Assert.Equal(["ACME"], (await Vehicle(truck).ClaimOwner("EVIL")).Select(o => o.Account));
        Assert.Equal(["ACME"], (await Record(truck).GetOwners()).Select(o => o.Account));
    }

    [Fact]
    public async Task ATransfer_IsRecordedByTheOwnershipGrain_AndKeptByTheVehicle()
    {
        var truck = NewTruck("VOT");
        await Vehicle(truck).ClaimOwner("ACME");

        Assert.Equal(new OwnershipTransfer(TransferOutcome.Transferred, "ACME"), await Vehicle(truck).TransferOwner(null, "BETA"));
        Assert.Equal(TransferOutcome.NoSuchHolder, (await Vehicle(truck).TransferOwner("ACME", "GAMMA")).Outcome);

        Assert.Equal(["BETA"], (await Vehicle(truck).ClaimOwner("ACME")).Select(o => o.Account));
        Assert.Equal(["BETA"], (await Record(truck).GetOwners()).Select(o => o.Account));
        Assert.Equal("BETA", (await fixture.Cluster.StoredVehicle(StorageNames.State, truck))!.Owner);
    }

    [Fact]
    public async Task AnUnclaimedVehicle_HasNoOwner_AndStoresNothing()
    {
        var truck = NewTruck("VON");
        Assert.Empty(await Vehicle(truck).GetOwners());
        Assert.Null(await fixture.Cluster.StoredVehicle(StorageNames.State, truck));
    }

    private static string NewTruck(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<int> ActiveOwnershipGrainsAsync()
    {
        var statistics = await fixture.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(nameof(OwnershipGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
