namespace SupplyChain.Contracts.Shipments;

/// <summary>
/// A shipment's grain key. Tracking numbers are unique within a carrier account, not across accounts
/// (two carriers' number formats can meet): the first account to use a number keys its shipment by
/// the number itself, so shipments stored before accounts existed keep their keys and their state, and
/// each later account by the number, <see cref="Separator"/> and its account id. The separator is outside
/// the identifier rule, so no tracking number can be mistaken for another shipment's key. Keys stay
/// inside the platform: every event, page and answer shows the tracking number.
/// </summary>
public static class ShipmentKey
{
    /// <summary>Separates the tracking number from the account in a later account's key.</summary>
    public const char Separator = '~';

    /// <summary>The key of <paramref name="account"/>'s shipment <paramref name="trackingNumber"/> when another account used the number first.</summary>
    public static string Of(string trackingNumber, string account) => trackingNumber + Separator + account;

    /// <summary>The tracking number a shipment key stands for.</summary>
    public static string TrackingNumberOf(string key)
    {
        var separator = key.IndexOf(Separator, StringComparison.Ordinal);
        return separator < 0 ? key : key[..separator];
    }
}
