using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Ingestion.Reading;

namespace SupplyChain.Ingestion.Ownership;

/// <summary>
/// The silo's view of who owns each shipment and vehicle: the ownership grains' answers, remembered for
/// <see cref="OwnershipOptions.CacheTtl"/> so that a device posting a ping a second costs a dictionary
/// lookup, not a grain call. Thread safe.
/// </summary>
public sealed class OwnershipDirectory(IGrainFactory grains, TimeProvider time, IOptions<OwnershipOptions> options)
{
    private readonly ConcurrentDictionary<OwnedThing, KnownOwner> _owners = new();

    /// <summary>The owning account of <paramref name="thing"/>, claiming it for <paramref name="account"/> when nobody owns it.</summary>
    public async ValueTask<string> ClaimAsync(OwnedThing thing, string account)
    {
        if (Known(thing) is { } known)
        {
            return known.Account;
        }

        var owner = await Grain(thing).Claim(account);
        Remember(thing, owner);
        return owner.Account;
    }

    /// <summary>The owning account of <paramref name="thing"/>, or null while no carrier has written it.</summary>
    public async ValueTask<string?> OwnerAsync(OwnedThing thing) => (await FindAsync(thing))?.Account;

    /// <summary>The owner of <paramref name="thing"/> with its tracking token, or null while no carrier has written it.</summary>
    public async ValueTask<Owner?> FindAsync(OwnedThing thing)
    {
        if (Known(thing) is { } known)
        {
            return known;
        }

        // An unowned thing is not remembered: a claim on another silo must show here at once.
        var owner = await Grain(thing).GetOwner();
        if (owner is not null)
        {
            Remember(thing, owner);
        }

        return owner;
    }

    /// <summary>Hands <paramref name="thing"/> to <paramref name="account"/>; returns the previous owning account.</summary>
    public async Task<string?> TransferAsync(OwnedThing thing, string account)
    {
        var previous = await Grain(thing).Transfer(account);
        // Forgotten rather than rewritten: the next lookup reads the new owner with its token.
        _owners.TryRemove(thing, out _);
        return previous;
    }

    /// <summary>
    /// The events that write a shipment or vehicle another account owns, claiming for
    /// <paramref name="account"/> what nobody owns yet; null when every event is the account's to write.
    /// A scan naming a vehicle also needs the vehicle: loading a parcel onto another carrier's truck would
    /// hand that truck's positions to the parcel's readers.
    /// </summary>
    public Task<List<EventError>?> ForeignAsync(IReadOnlyList<InboundEvent> events, string account) =>
        AllKnownAndOwnedBy(events, account) ? Task.FromResult<List<EventError>?>(null) : ForeignSlowAsync(events, account);

    /// <summary>
    /// The common case, without allocating: a device or scanner writing what its account owns and this
    /// silo remembers (a ping a second from each of thousands of devices).
    /// </summary>
    private bool AllKnownAndOwnedBy(IReadOnlyList<InboundEvent> events, string account)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var (first, second) = WritesOf(events[i]);
            if (Known(first)?.Account != account || (second is { } vehicle && Known(vehicle)?.Account != account))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<List<EventError>?> ForeignSlowAsync(IReadOnlyList<InboundEvent> events, string account)
    {
        var owners = new Dictionary<OwnedThing, string?>();
        foreach (var e in events)
        {
            var (first, second) = WritesOf(e);
            owners.TryAdd(first, Known(first)?.Account);
            if (second is { } vehicle)
            {
                owners.TryAdd(vehicle, Known(vehicle)?.Account);
            }
        }

        var unknown = owners.Where(o => o.Value is null).Select(o => o.Key).ToList();
        if (unknown.Count > 0)
        {
            var claimed = await Task.WhenAll(unknown.Select(t => ClaimAsync(t, account).AsTask()));
            for (var i = 0; i < unknown.Count; i++)
            {
                owners[unknown[i]] = claimed[i];
            }
        }

        List<EventError>? foreign = null;
        for (var i = 0; i < events.Count; i++)
        {
            var (first, second) = WritesOf(events[i]);
            var notOurs = owners[first] != account ? first : second is { } vehicle && owners[vehicle] != account ? vehicle : (OwnedThing?)null;
            if (notOurs is { } thing)
            {
                (foreign ??= []).Add(new EventError(i, events[i].Id, $"{thing} belongs to another account."));
            }
        }

        return foreign;
    }

    /// <summary>What <paramref name="e"/> writes: its shipment or vehicle, and the vehicle a scan names.</summary>
    private static (OwnedThing First, OwnedThing? Second) WritesOf(InboundEvent e) => e switch
    {
        ScanReceived scan => (OwnedThing.Shipment(scan.TrackingNumber), scan.VehicleId is { } vehicleId ? OwnedThing.Vehicle(vehicleId) : null),
        _ => (OwnedThing.Vehicle(e.Key), null),
    };

    private IOwnershipGrain Grain(OwnedThing thing) => grains.GetGrain<IOwnershipGrain>(thing.Key);

    private Owner? Known(OwnedThing thing) =>
        _owners.TryGetValue(thing, out var known) && known.Until > time.GetUtcNow() ? known.Owner : null;

    private void Remember(OwnedThing thing, Owner owner)
    {
        if (_owners.Count >= options.Value.CacheCapacity)
        {
            _owners.Clear();
        }

        _owners[thing] = new KnownOwner(owner, time.GetUtcNow() + options.Value.CacheTtl);
    }

    private readonly record struct KnownOwner(Owner Owner, DateTimeOffset Until);
}
