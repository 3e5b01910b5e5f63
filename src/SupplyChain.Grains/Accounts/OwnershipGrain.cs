using Microsoft.Extensions.Logging;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Orleans.Runtime;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Streams;
using SupplyChain.Grains.Persistence;

namespace SupplyChain.Grains.Accounts;

/// <summary>
/// Owns the answer to "whose is it?" for one vehicle or one tracking number. One storage write per
/// claim and per transfer; reads are served from memory, and the door caches them besides. A vehicle's
/// record is asked by its vehicle grain only, when the vehicle does not know its owner yet or an admin
/// transfers it, so it is let go after each call: kept active beside every reporting vehicle, as the
/// door's lookups once kept it, it cost about 2 KB of Orleans' activation per vehicle (benchmarks.md).
/// </summary>
internal sealed partial class OwnershipGrain(
    [PersistentState("owner", StorageNames.State)] IPersistentState<OwnershipState> state,
    TimeProvider time,
    ILogger<OwnershipGrain> logger) : Grain, IOwnershipGrain, IIncomingGrainCallFilter
{
    /// <inheritdoc cref="FailedCallDeactivation"/>
    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) => FailedCallDeactivation.Invoke(context);

    private static readonly string ShipmentPrefix = OwnedThing.Shipment("").Key;

    private string Thing => this.GetPrimaryKeyString();

    private bool IsShipment => Thing.StartsWith(ShipmentPrefix, StringComparison.Ordinal);

    /// <summary>The tracking number or vehicle id: what the first holder's key is.</summary>
    private string Id => Thing[(Thing.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private OwnershipState State => state.State;

    /// <summary>128 random bits, URL-safe: a link that cannot be guessed from the tracking number.</summary>
    private static string NewTrackingToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public async Task<IReadOnlyList<Owner>> Claim(string account)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        LetAVehicleRecordGo();
        if (State.Owner is null && !Holds(account))
        {
            State.Owner = account;
            State.Since = time.GetUtcNow();
            State.TrackingToken ??= IsShipment ? NewTrackingToken() : null;
        }
        else if (!IsShipment || Holds(account) || State.Later.Count + 1 >= IOwnershipGrain.MaxHoldersPerNumber)
        {
            return Owners();
        }
        else
        {
            State.Later.Add(new LaterHolder { Account = account, Key = FreeKey(account), Since = time.GetUtcNow(), TrackingToken = NewTrackingToken() });
        }

        await state.WriteStateAsync();
        LogClaimed(Thing, account);
        return Owners();
    }

    public Task<IReadOnlyList<Owner>> GetOwners()
    {
        LetAVehicleRecordGo();
        return Task.FromResult(Owners());
    }

    public async Task<OwnershipTransfer> Transfer(string? from, string to)
    {
        ArgumentException.ThrowIfNullOrEmpty(to);
        LetAVehicleRecordGo();
        var later = from is null || from == State.Owner ? null : State.Later.Find(h => h.Account == from);
        if (from is not null && from != State.Owner && later is null)
        {
            return new OwnershipTransfer(TransferOutcome.NoSuchHolder, null);
        }

        var previous = later?.Account ?? State.Owner;
        if (previous == to)
        {
            return new OwnershipTransfer(TransferOutcome.Transferred, previous);
        }

        if (Holds(to))
        {
            return new OwnershipTransfer(TransferOutcome.AlreadyHolds, previous);
        }

        if (later is null)
        {
            State.Owner = to;
            State.Since = time.GetUtcNow();
            State.TrackingToken ??= IsShipment ? NewTrackingToken() : null;
        }
        else
        {
            later.Account = to;
            later.Since = time.GetUtcNow();
        }

        await state.WriteStateAsync();
        LogTransferred(Thing, previous, to);
        return new OwnershipTransfer(TransferOutcome.Transferred, previous);
    }

    public async Task<bool> Release(string account)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        if (State.Owner == account)
        {
            // The first holder's key is the bare number: a later claimant may take it, as the shipment under it is gone.
            State.Owner = null;
            State.TrackingToken = null;
        }
        else if (State.Later.Find(h => h.Account == account) is { } later)
        {
            State.Later.Remove(later);
        }
        else
        {
            return false;
        }

        if (State.Owner is null && State.Later.Count == 0)
        {
            await state.ClearStateAsync();
        }
        else
        {
            await state.WriteStateAsync();
        }

        LogReleased(Thing, account);
        return true;
    }

    private void LetAVehicleRecordGo()
    {
        if (!IsShipment)
        {
            this.DeactivateOnIdle();
        }
    }

    private bool Holds(string account) => State.Owner == account || State.Later.Exists(h => h.Account == account);

    private IReadOnlyList<Owner> Owners()
    {
        var owners = new List<Owner>(1 + State.Later.Count);
        if (State.Owner is { } first)
        {
            owners.Add(new(first, State.TrackingToken, Id));
        }

        owners.AddRange(State.Later.Select(h => new Owner(h.Account, h.TrackingToken, h.Key)));
        return owners;
    }

    /// <summary>
    /// The account's key for the number; after transfers another holder may already have it, and keys
    /// never change hands, as a shipment's state lives under its key.
    /// </summary>
    private string FreeKey(string account)
    {
        var key = ShipmentKey.Of(Id, account);
        for (var n = 2; State.Later.Exists(h => h.Key == key); n++)
        {
            key = ShipmentKey.Of(Id, account) + ShipmentKey.Separator + n.ToString(CultureInfo.InvariantCulture);
        }

        return key;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Thing} claimed by account {Account}")]
    private partial void LogClaimed(string thing, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Thing} released by account {Account}")]
    private partial void LogReleased(string thing, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Thing} transferred from account {Previous} to {Account}")]
    private partial void LogTransferred(string thing, string? previous, string account);
}
