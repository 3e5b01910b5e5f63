using System.Security.Cryptography;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Accounts;
using SupplyChain.Ingestion.Ownership;
using SupplyChain.Silo.Ownership;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Shipments;

/// <summary>
/// The one rule for who sees what of a shipment, shared by its JSON, its events and its live feed:
/// ops and the owning account see all of it; everyone else (no key, another account's key) the
/// consignee's view, and nothing at all without the tracking token when the owner requires one.
/// Thread safe.
/// </summary>
internal sealed class ShipmentAudience(OwnershipDirectory owners, IOptions<PrivacyOptions> privacy)
{
    /// <summary>How <paramref name="user"/>, presenting <paramref name="token"/> (or none), sees shipment <paramref name="trackingNumber"/>.</summary>
    public async ValueTask<ShipmentReader> ReaderAsync(ClaimsPrincipal user, string trackingNumber, string? token)
    {
        var owner = await owners.FindAsync(OwnedThing.Shipment(trackingNumber));
        if (user.SeesAll(owner?.Account))
        {
            return new ShipmentReader(Sees: true, Full: true, PositionPrecision.Exact, owner?.Account, owner?.TrackingToken);
        }

        var settings = privacy.Value;
        var sees = !settings.RequireTrackingToken || owner is null || Matches(token, owner.TrackingToken);
        return new ShipmentReader(sees, Full: false, settings.PublicPositionPrecision);
    }

    private static bool Matches(string? presented, string? expected) =>
        presented is not null && expected is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
