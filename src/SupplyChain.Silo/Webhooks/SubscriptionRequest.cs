using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Silo.Webhooks;

/// <summary>The body of <c>POST /api/subscriptions</c>.</summary>
public sealed record SubscriptionRequest(
    string? Url,
    IReadOnlyList<string>? Types,
    IReadOnlyList<string>? TrackingNumbers,
    IReadOnlyList<string>? VehicleIds,
    string? Description,
    bool? Handshake)
{
    /// <summary>Event families (<see cref="EventFamilies"/>) to take besides <see cref="Types"/>.</summary>
    public IReadOnlyList<string>? Families { get; init; }

    /// <summary>Facility (geofence) ids events must name; absent or empty for anywhere.</summary>
    public IReadOnlyList<string>? FacilityIds { get; init; }

    /// <summary>Longest accepted url.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Longest accepted description.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>Most entries in one filter list.</summary>
    public const int MaxFilterEntries = 1000;

    /// <summary>The outbound event types a subscription may name.</summary>
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        EventTypes.ShipmentStatusChanged, EventTypes.Delivered, EventTypes.EtaRecalculated, EventTypes.ArrivingSoon,
        EventTypes.NoMovementDetected, EventTypes.GeofenceBreached, EventTypes.GeofenceEntered, EventTypes.GeofenceExited,
        EventTypes.VehicleArrived, EventTypes.VehicleDeparted, EventTypes.DeliveryAtRisk, EventTypes.DeliveryBackOnTrack,
        EventTypes.DeliveryLate,
        EventTypes.VehicleArrived, EventTypes.VehicleDeparted,
        EventTypes.MilestoneReached,
    };

    /// <summary>The definition this request asks for, or null with the problems by field.</summary>
    public SubscriptionDefinition? ToDefinition(SubscriptionOwner owner, out Dictionary<string, string[]> errors)
    {
        errors = [];
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(Url))
        {
            errors["url"] = ["The url is required."];
        }
        else if (Url.Length > MaxUrlLength)
        {
            errors["url"] = [$"The url may have at most {MaxUrlLength} characters."];
        }
        else if (!Uri.TryCreate(Url, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors["url"] = ["The url must be an absolute http or https URL."];
        }
        else if (!string.IsNullOrEmpty(url.Fragment))
        {
            errors["url"] = ["The url must not have a fragment."];
        }

        var types = Distinct(Types);
        var unknown = types.Where(t => t is null || !KnownTypes.Contains(t)).ToList();
        if (Types?.Count > MaxFilterEntries)
        {
            errors["types"] = [$"At most {MaxFilterEntries} entries."];
        }
        else if (unknown.Count > 0)
        {
            var named = string.Join(", ", unknown.Take(5).Select(t => t is null ? "null" : EventLimits.Echo(t)));
            errors["types"] = [$"Unknown event types: {named}{(unknown.Count > 5 ? ", ..." : "")}. Known: {string.Join(", ", KnownTypes.Order(StringComparer.Ordinal))}."];
        }

        var families = Distinct(Families);
        var unknownFamilies = families.Where(f => f is null || !EventFamilies.Types.ContainsKey(f)).ToList();
        if (Families?.Count > MaxFilterEntries)
        {
            errors["families"] = [$"At most {MaxFilterEntries} entries."];
        }
        else if (unknownFamilies.Count > 0)
        {
            var named = string.Join(", ", unknownFamilies.Take(5).Select(f => f is null ? "null" : EventLimits.Echo(f)));
            errors["families"] = [$"Unknown event families: {named}{(unknownFamilies.Count > 5 ? ", ..." : "")}. Known: {string.Join(", ", EventFamilies.Types.Keys.Order(StringComparer.Ordinal))}."];
        }

        CheckKeys("trackingNumbers", TrackingNumbers, IdentifierRule.TrackingNumber, errors);
        CheckKeys("vehicleIds", VehicleIds, IdentifierRule.VehicleId, errors);
        CheckKeys("facilityIds", FacilityIds, IdentifierRule.GeofenceId, errors);
        if (Description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = [$"The description may have at most {MaxDescriptionLength} characters."];
        }

        return errors.Count > 0 || url is null
            ? null
            : new SubscriptionDefinition(url.AbsoluteUri, types, Distinct(TrackingNumbers), Distinct(VehicleIds), Description, owner)
            {
                Families = families.Length == 0 ? null : families,
                FacilityIds = Distinct(FacilityIds) is { Length: > 0 } facilities ? facilities : null,
            };
    }

    private static string[] Distinct(IReadOnlyList<string>? values) => values is null ? [] : [.. values.Distinct(StringComparer.Ordinal)];

    private static void CheckKeys(string field, IReadOnlyList<string>? keys, IdentifierRule rule, Dictionary<string, string[]> errors)
    {
        if (keys is null)
        {
            return;
        }

        if (keys.Count > MaxFilterEntries)
        {
            errors[field] = [$"At most {MaxFilterEntries} entries."];
        }
        else if (keys.Select((k, i) => rule.Problem(k, $"{field}[{i}]")).FirstOrDefault(p => p is not null) is { } problem)
        {
            errors[field] = [problem];
        }
    }
}
