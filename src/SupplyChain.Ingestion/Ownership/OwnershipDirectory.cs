using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Ingestion.Reading;

namespace SupplyChain.Ingestion.Ownership;

/// <summary>
/// The silo's view of who holds each vehicle and each tracking number's shipments: the ownership
/// grains' answers, remembered for <see cref="OwnershipOptions.CacheTtl"/> so that a device posting a
/// ping a second costs a dictionary lookup, not a grain call. Thread safe.
/// </summary>
public sealed class OwnershipDirectory(IGrainFactory grains, TimeProvider time, IOptions<OwnershipOptions> options)
{
    private readonly ConcurrentDictionary<OwnedThing, KnownOwners> _owners = new();

    // Counted apart: ConcurrentDictionary.Count takes every lock of the table, and asked on each claim it
    // had a fleet's first minute (100,000 vehicles claimed) contending on them (docs/benchmarks.md).
    private int _remembered;

    /// <summary>
    /// What <paramref name="account"/> writes when it writes <paramref name="thing"/>, claiming it when it
    /// may: for a vehicle its owner (another account's when it is taken); for a tracking number the
    /// account's own shipment, null when the number is already held by
    /// <see cref="IOwnershipGrain.MaxHoldersPerNumber"/> accounts.
    /// </summary>
    public async ValueTask<Owner?> ClaimAsync(OwnedThing thing, string account)
    {
        if (Known(thing) is { } known && Writes(thing, known, account) is { } owner)
        {
            return owner;
        }

        var owners = await ClaimAt(thing, account);
        Remember(thing, owners);
        return Writes(thing, owners, account);
    }

    /// <summary>Every holder of <paramref name="thing"/>, the first claimant first; empty while no carrier has written it.</summary>
    public async ValueTask<IReadOnlyList<Owner>> OwnersAsync(OwnedThing thing)
    {
        if (Known(thing) is { } known)
        {
            return known;
        }

        // An unowned thing is not remembered: a claim on another silo must show here at once.
        var owners = await OwnersAt(thing);
        if (owners.Count > 0)
        {
            Remember(thing, owners);
        }

        return owners;
    }

    /// <summary>The account that owns a vehicle, or holds a tracking number first; null while no carrier has written it.</summary>
    public async ValueTask<string?> OwnerAsync(OwnedThing thing) => (await OwnersAsync(thing)) is [var first, ..] ? first.Account : null;

    /// <summary>Hands what <paramref name="from"/> holds (null: the first holder's) to <paramref name="to"/>.</summary>
    public async Task<OwnershipTransfer> TransferAsync(OwnedThing thing, string? from, string to)
    {
        var transfer = await TransferAt(thing, from, to);
        // Forgotten rather than rewritten: the next lookup reads the new holders with their tokens.
        if (_owners.TryRemove(thing, out _))
        {
            Interlocked.Decrement(ref _remembered);
        }

        return transfer;
    }

    /// <summary>
    /// Forgets <paramref name="account"/>'s holding of <paramref name="thing"/> (an erased shipment). Other
    /// silos may answer from memory for up to <see cref="OwnershipOptions.CacheTtl"/>; they name a key
    /// whose shipment is gone, so a reader finds nothing there either.
    /// </summary>
    public async Task<bool> ReleaseAsync(OwnedThing thing, string account)
    {
        var released = await Record(thing).Release(account);
        if (_owners.TryRemove(thing, out _))
        {
            Interlocked.Decrement(ref _remembered);
        }

        return released;
    }

    /// <summary>
    /// Points each scan of <paramref name="events"/> at <paramref name="account"/>'s own shipment of its
    /// tracking number (claiming the shipments and vehicles nobody holds yet) and returns the events that
    /// write another account's vehicle; null when there are none. A scan naming a vehicle also needs the
    /// vehicle: loading a parcel onto another carrier's truck would hand that truck's positions to the
    /// parcel's readers.
    /// </summary>
    public Task<List<EventError>?> AssignAsync(IList<InboundEvent> events, string account) =>
        AllKnownAndPlain(events, account) ? Task.FromResult<List<EventError>?>(null) : AssignSlowAsync(events, account);

    /// <summary>
    /// The common case, without allocating: a device or scanner writing what its account owns, which this
    /// silo remembers, under the plain tracking number (a ping a second from each of thousands of devices).
    /// </summary>
    private bool AllKnownAndPlain(IList<InboundEvent> events, string account)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var (first, second) = WritesOf(events[i]);
            if (Known(first) is not { } owners || Writes(first, owners, account) is not { } owner || owner.Account != account || owner.Key != first.Id)
            {
                return false;
            }

            if (second is { } vehicle && (Known(vehicle) is not [var driver, ..] || driver.Account != account))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<List<EventError>?> AssignSlowAsync(IList<InboundEvent> events, string account)
    {
        var writes = new Dictionary<OwnedThing, Owner?>();
        foreach (var e in events)
        {
            var (first, second) = WritesOf(e);
            writes.TryAdd(first, null);
            if (second is { } vehicle)
            {
                writes.TryAdd(vehicle, null);
            }
        }

        var things = writes.Keys.ToList();
        var owners = await Task.WhenAll(things.Select(t => ClaimAsync(t, account).AsTask()));
        for (var i = 0; i < things.Count; i++)
        {
            writes[things[i]] = owners[i];
        }

        List<EventError>? foreign = null;
        for (var i = 0; i < events.Count; i++)
        {
            var (first, second) = WritesOf(events[i]);
            if (writes[first] is not { } owner)
            {
                (foreign ??= []).Add(new EventError(i, events[i].Id,
                    $"{first} is already used by {IOwnershipGrain.MaxHoldersPerNumber} accounts, the most one number may have."));
            }
            else if (owner.Account != account)
            {
                (foreign ??= []).Add(new EventError(i, events[i].Id, $"{first} belongs to another account."));
            }
            else if (second is { } vehicle && writes[vehicle]?.Account != account)
            {
                (foreign ??= []).Add(new EventError(i, events[i].Id, $"{vehicle} belongs to another account."));
            }
            else if (events[i] is ScanReceived scan && owner.Key != scan.TrackingNumber)
            {
                events[i] = scan with { TrackingNumber = owner.Key };
            }
        }

        return foreign;
    }

    /// <summary>What <paramref name="account"/> writes of <paramref name="owners"/>: its own shipment, or the vehicle's owner; null when unknown.</summary>
    private static Owner? Writes(OwnedThing thing, IReadOnlyList<Owner> owners, string account)
    {
        if (thing.Kind == OwnedKind.Vehicle)
        {
            return owners is [var owner, ..] ? owner : null;
        }

        foreach (var owner in owners)
        {
            if (owner.Account == account)
            {
                return owner;
            }
        }

        return null;
    }

    /// <summary>What <paramref name="e"/> writes: its shipment or vehicle, and the vehicle a scan names.</summary>
    private static (OwnedThing First, OwnedThing? Second) WritesOf(InboundEvent e) => e switch
    {
        ScanReceived scan => (OwnedThing.Shipment(scan.TrackingNumber), scan.VehicleId is { } vehicleId ? OwnedThing.Vehicle(vehicleId) : null),
        _ => (OwnedThing.Vehicle(e.Key), null),
    };

    // A vehicle answers for its owner itself: it is active while it reports, and the ownership grain
    // beside it would be a second activation per vehicle (architecture.md, "Grains", OwnershipGrain).
    private Task<IReadOnlyList<Owner>> ClaimAt(OwnedThing thing, string account) =>
        thing.Kind == OwnedKind.Vehicle ? Vehicle(thing).ClaimOwner(account) : Record(thing).Claim(account);

    private Task<IReadOnlyList<Owner>> OwnersAt(OwnedThing thing) =>
        thing.Kind == OwnedKind.Vehicle ? Vehicle(thing).GetOwners() : Record(thing).GetOwners();

    private Task<OwnershipTransfer> TransferAt(OwnedThing thing, string? from, string to) =>
        thing.Kind == OwnedKind.Vehicle ? Vehicle(thing).TransferOwner(from, to) : Record(thing).Transfer(from, to);

    private IOwnershipGrain Record(OwnedThing thing) => grains.GetGrain<IOwnershipGrain>(thing.Key);

    private IVehicleGrain Vehicle(OwnedThing thing) => grains.GetGrain<IVehicleGrain>(thing.Id);

    private IReadOnlyList<Owner>? Known(OwnedThing thing) =>
        _owners.TryGetValue(thing, out var known) && known.Until > time.GetUtcNow() ? known.Owners : null;

    private void Remember(OwnedThing thing, IReadOnlyList<Owner> owners)
    {
        var known = new KnownOwners(owners, time.GetUtcNow() + options.Value.CacheTtl);
        if (!_owners.TryAdd(thing, known))
        {
            _owners[thing] = known;
            return;
        }

        // About the capacity: a race may let a few more in, or empty the memory a little early.
        if (Interlocked.Increment(ref _remembered) > options.Value.CacheCapacity)
        {
            _owners.Clear();
            Interlocked.Exchange(ref _remembered, 0);
        }
    }

    private readonly record struct KnownOwners(IReadOnlyList<Owner> Owners, DateTimeOffset Until);
}
