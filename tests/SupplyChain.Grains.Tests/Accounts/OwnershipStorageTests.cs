using Orleans.Runtime;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Grains.Tests.Infrastructure;

namespace SupplyChain.Grains.Tests.Accounts;

/// <summary>
/// A claim answered is a claim stored. When storage refuses a claim's write the carrier's request
/// fails and is sent again; the record must not answer that retry from what it holds in memory but
/// write it, or a later account would take the number once the record is read back from storage.
/// </summary>
public sealed class OwnershipStorageTests : IAsyncLifetime
{
    private GatedCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await GatedCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ClaimNotStored_ClaimedAgain_IsStored_SoALaterAccountGetsItsOwnShipment()
    {
        var number = "OS-" + Guid.NewGuid().ToString("N")[..10];
        var record = _cluster.Client.GetGrain<IOwnershipGrain>(OwnedThing.Shipment(number).Key);
        _cluster.Storage.Refuse("ownership");
        await Assert.ThrowsAnyAsync<Exception>(() => record.Claim("ACME"));
        _cluster.Storage.Open();

        var retried = await GatedCluster.SentAgainUntilAnswered(() => record.Claim("ACME"));
        await _cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        var later = await record.Claim("BETA");

        Assert.Equal([("ACME", number)], retried.Select(o => (o.Account, o.Key)));
        Assert.Equal([("ACME", number), ("BETA", number + "~BETA")], later.Select(o => (o.Account, o.Key)));
    }
}
