using SupplyChain.Contracts.Accounts;
using SupplyChain.Grains.Tests.Infrastructure;

namespace SupplyChain.Grains.Tests.Accounts;

/// <summary>Who holds a vehicle and a tracking number's shipments, and how a transfer moves them.</summary>
public sealed class OwnershipGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IOwnershipGrain Number(string trackingNumber) => fixture.Client.GetGrain<IOwnershipGrain>(OwnedThing.Shipment(trackingNumber).Key);

    private IOwnershipGrain Vehicle(string vehicleId) => fixture.Client.GetGrain<IOwnershipGrain>(OwnedThing.Vehicle(vehicleId).Key);

    [Fact]
    public async Task Claim_ANumber_GivesEachAccountItsOwnShipment_TheFirstKeyedByTheNumber()
    {
        var number = "OG-" + Guid.NewGuid().ToString("N")[..10];

        var first = await Number(number).Claim("ACME");
        var second = await Number(number).Claim("BETA");
        var again = await Number(number).Claim("ACME");

        Assert.Equal([("ACME", number)], first.Select(o => (o.Account, o.Key)));
        Assert.Equal([("ACME", number), ("BETA", number + "~BETA")], second.Select(o => (o.Account, o.Key)));
        Assert.Equal(second, again);
        Assert.Equal(2, second.Select(o => o.TrackingToken).Distinct().Count());
        Assert.All(second, o => Assert.Equal(22, o.TrackingToken!.Length));
    }

    [Fact]
    public async Task Release_OfTheFirstHolder_KeepsTheOthers_AndFreesTheNumbersOwnKey()
    {
        var number = "OG-R-" + Guid.NewGuid().ToString("N")[..10];
        var before = await Number(number).Claim("ACME");
        await Number(number).Claim("BETA");

        Assert.True(await Number(number).Release("ACME"));
        Assert.False(await Number(number).Release("ACME"));
        Assert.Equal([("BETA", number + "~BETA")], (await Number(number).GetOwners()).Select(o => (o.Account, o.Key)));

        // A later holder claiming again keeps its own key; the freed bare number goes to the next new claimant, with a new token.
        Assert.Equal([("BETA", number + "~BETA")], (await Number(number).Claim("BETA")).Select(o => (o.Account, o.Key)));
        var after = await Number(number).Claim("ACME");
        Assert.Equal([("ACME", number), ("BETA", number + "~BETA")], after.Select(o => (o.Account, o.Key)));
        Assert.NotEqual(before[0].TrackingToken, after[0].TrackingToken);

        Assert.True(await Number(number).Release("BETA"));
        Assert.True(await Number(number).Release("ACME"));
        Assert.Empty(await Number(number).GetOwners());
    }

    [Fact]
    public async Task Claim_AVehicle_KeepsItsOneOwner()
    {
        var truck = "OG-T-" + Guid.NewGuid().ToString("N")[..10];

        await Vehicle(truck).Claim("ACME");
        var owners = await Vehicle(truck).Claim("BETA");

        var owner = Assert.Single(owners);
        Assert.Equal(("ACME", truck, null), (owner.Account, owner.Key, owner.TrackingToken));
    }

    [Fact]
    public async Task Claim_BeyondTheMostHoldersOfANumber_LeavesTheAccountOut()
    {
        var number = "OG-" + Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < IOwnershipGrain.MaxHoldersPerNumber; i++)
        {
            await Number(number).Claim($"A{i}");
        }

        var owners = await Number(number).Claim("LATE");

        Assert.Equal(IOwnershipGrain.MaxHoldersPerNumber, owners.Count);
        Assert.DoesNotContain(owners, o => o.Account == "LATE");
    }

    [Fact]
    public async Task Transfer_KeepsTheShipmentsKey_AndANewClaimByThePreviousHolderGetsAFreshOne()
    {
        var number = "OG-" + Guid.NewGuid().ToString("N")[..10];
        await Number(number).Claim("ACME");
        await Number(number).Claim("BETA");

        var clash = await Number(number).Transfer("BETA", "ACME");
        var missing = await Number(number).Transfer("GAMMA", "DELTA");
        var moved = await Number(number).Transfer("BETA", "GAMMA");
        var owners = await Number(number).Claim("BETA");

        Assert.Equal(TransferOutcome.AlreadyHolds, clash.Outcome);
        Assert.Equal(TransferOutcome.NoSuchHolder, missing.Outcome);
        Assert.Equal(new OwnershipTransfer(TransferOutcome.Transferred, "BETA"), moved);
        Assert.Equal(
            [("ACME", number), ("GAMMA", number + "~BETA"), ("BETA", number + "~BETA~2")],
            owners.Select(o => (o.Account, o.Key)));
    }
}
