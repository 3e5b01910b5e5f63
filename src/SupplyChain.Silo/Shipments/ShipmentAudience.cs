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
/// The one rule for who sees what of a shipment, shared by its JSON, its events and its live feed:
/// ops and the owning account see all of it; everyone else (no key, another account's key) the
/// consignee's view at the precision the owning account chose, and nothing at all without the
/// tracking token when the owning account requires one.
/// Thread safe.
/// </summary>
internal sealed class ShipmentAudience(OwnershipDirectory owners, IAccountDirectory accounts, IOptions<PrivacyOptions> privacy)
{
    /// <summary>How <paramref name="user"/>, presenting <paramref name="token"/> (or none), sees shipment <paramref name="trackingNumber"/>.</summary>
    public async ValueTask<ShipmentReader> ReaderAsync(ClaimsPrincipal user, string trackingNumber, string? token)
    {
        var owner = await owners.FindAsync(OwnedThing.Shipment(trackingNumber));
        if (user.SeesAll(owner?.Account))
        {
            return new ShipmentReader(Sees: true, Full: true, PositionPrecision.Exact, owner?.Account, owner?.TrackingToken);
        }

        // The owning account's choices; the platform's defaults for a shipment nobody owns and for the
        // accounts that exist only as configured keys.
        var (precision, tokenRequired) = (privacy.Value.PublicPositionPrecision, privacy.Value.RequireTrackingToken);
        if (owner is not null && await accounts.FindAsync(owner.Account) is { } account)
        {
            (precision, tokenRequired) = (account.PublicPositionPrecision, account.RequireTrackingToken);
        }

        var sees = !tokenRequired || owner is null || Matches(token, owner.TrackingToken);
        return new ShipmentReader(sees, Full: false, precision);
    }

    private static bool Matches(string? presented, string? expected) =>
        presented is not null && expected is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
