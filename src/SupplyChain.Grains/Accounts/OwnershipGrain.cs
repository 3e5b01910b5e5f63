using Microsoft.Extensions.Logging;
using System.Buffers.Text;
using System.Security.Cryptography;
using Orleans.Runtime;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Contracts.Streams;

namespace SupplyChain.Grains.Accounts;

/// <summary>
/// Owns the answer to "whose is it?" for one shipment or vehicle. One storage write per claim and per
/// transfer; reads are served from memory, and the door caches them besides.
/// </summary>
internal sealed partial class OwnershipGrain(
    [PersistentState("owner", StorageNames.State)] IPersistentState<OwnershipState> state,
    TimeProvider time,
    ILogger<OwnershipGrain> logger) : Grain, IOwnershipGrain
{
    private static readonly string ShipmentPrefix = OwnedThing.Shipment("").Key;

    private string Thing => this.GetPrimaryKeyString();

    /// <summary>128 random bits, URL-safe: a link that cannot be guessed from the tracking number.</summary>
    private static string NewTrackingToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public async Task<Owner> Claim(string account)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        if (state.State.Owner is { } owner)
        {
            return new Owner(owner, state.State.TrackingToken);
        }

        state.State.Owner = account;
        state.State.Since = time.GetUtcNow();
        state.State.TrackingToken ??= this.GetPrimaryKeyString().StartsWith(ShipmentPrefix, StringComparison.Ordinal) ? NewTrackingToken() : null;
        await state.WriteStateAsync();
        LogClaimed(Thing, account);
        return new Owner(account, state.State.TrackingToken);
    }

    public Task<Owner?> GetOwner() =>
        Task.FromResult(state.State.Owner is { } account ? new Owner(account, state.State.TrackingToken) : null);

    public async Task<string?> Transfer(string account)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        var previous = state.State.Owner;
        if (previous == account)
        {
            return previous;
        }

        state.State.Owner = account;
        state.State.Since = time.GetUtcNow();
        await state.WriteStateAsync();
        LogTransferred(Thing, previous, account);
        return previous;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Thing} claimed by account {Account}")]
    private partial void LogClaimed(string thing, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Thing} transferred from account {Previous} to {Account}")]
    private partial void LogTransferred(string thing, string? previous, string account);
}
