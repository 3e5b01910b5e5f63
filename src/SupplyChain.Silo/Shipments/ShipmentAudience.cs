using System.Security.Cryptography;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Ingestion.Ownership;
using SupplyChain.Silo.Accounts;
using SupplyChain.Silo.Ownership;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Shipments;

/// <summary>
/// The one rule for which shipment a reader means by a tracking number and what the reader sees of
/// it, shared by its JSON, its events and its live feed. A number is unique within an account, so
/// it can name several accounts' shipments: a carrier's key reads its own; ops and strangers name the
/// account with <c>carrier</c> when the number alone is ambiguous, and a tracking token names its
/// shipment by itself. Ops and the owning account see all of it; everyone else (no key, another
/// account's key) the consignee's view at the precision the owning account chose, and nothing at all
/// without the tracking token when the owning account requires one. Thread safe.
/// </summary>
internal sealed class ShipmentAudience(OwnershipDirectory owners, IAccountDirectory accounts, IOptions<PrivacyOptions> privacy)
{
    /// <summary>
    /// How <paramref name="user"/>, presenting <paramref name="token"/> and naming <paramref name="carrier"/>
    /// (either may be null), sees the shipment of <paramref name="trackingNumber"/>.
    /// </summary>
    public async ValueTask<ShipmentReader> ReaderAsync(ClaimsPrincipal user, string trackingNumber, string? token, string? carrier)
    {
        var holders = await owners.OwnersAsync(OwnedThing.Shipment(trackingNumber));
        if (holders.Count == 0)
        {
            // No carrier wrote it (ops did, or nobody): keyed by its number, read with the platform's defaults.
            return user.SeesEverything()
                ? ShipmentReader.Whole(trackingNumber, owner: null)
                : ShipmentReader.Consignee(trackingNumber, privacy.Value.PublicPositionPrecision);
        }

        var named = carrier is null ? holders : [.. holders.Where(h => h.Account == carrier)];
        if (user.SeesEverything())
        {
            return named switch
            {
                [var only] => ShipmentReader.Whole(only.Key, only),
                [] => ShipmentReader.Unknown,
                _ => ShipmentReader.Ambiguous([.. named.Select(h => h.Account)]),
            };
        }

        if (named.FirstOrDefault(h => user.SeesAll(h.Account)) is { } own)
        {
            return ShipmentReader.Whole(own.Key, own);
        }

        // A token names its shipment whatever the owner's settings; without one, only the shipments whose
        // owners do not require one are readable.
        if (token is not null && named.FirstOrDefault(h => Matches(token, h.TrackingToken)) is { } linked)
        {
            return ShipmentReader.Consignee(linked.Key, (await SettingsOf(linked.Account)).Precision);
        }

        var open = new List<(Owner Holder, PositionPrecision Precision)>(named.Count);
        foreach (var holder in named)
        {
            var (precision, tokenRequired) = await SettingsOf(holder.Account);
            if (!tokenRequired)
            {
                open.Add((holder, precision));
            }
        }

        return open switch
        {
            [var only] => ShipmentReader.Consignee(only.Holder.Key, only.Precision),
            [] => ShipmentReader.Unknown,
            _ => ShipmentReader.Ambiguous([.. open.Select(o => o.Holder.Account)]),
        };
    }

    /// <summary>The owning account's choices; the platform's defaults for accounts that exist only as configured keys.</summary>
    private async ValueTask<(PositionPrecision Precision, bool TokenRequired)> SettingsOf(string account) =>
        await accounts.FindAsync(account) is { } found
            ? (found.PublicPositionPrecision, found.RequireTrackingToken)
            : (privacy.Value.PublicPositionPrecision, privacy.Value.RequireTrackingToken);

    private static bool Matches(string presented, string? expected) =>
        expected is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
