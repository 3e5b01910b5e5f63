using System.Collections.Frozen;
using System.Text.Json;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Webhooks;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// Which enabled subscriptions an outbound event goes to. Immutable and thread safe: a change builds
/// a new index. Subscriptions are grouped by event type (a family counts as its types as this release
/// knows them), so an event is checked against those that name its type and those that name none;
/// within them, a subscription listing tracking numbers or vehicle ids takes the event when it names one
/// of them (its subject, or <c>trackingNumber</c>, <c>trackingNumbers</c>, <c>vehicleId</c> in its data),
/// and one listing facilities only when it also names one of those (<c>facilityId</c>, or <c>geofenceId</c>:
/// a facility is a geofence). Shipments are matched by key
/// (<see cref="ShipmentKey"/>): a carrier's subscription holds the keys of its own shipments, and an
/// event names the keys of its shipments when a number alone does not tell them apart, so two accounts'
/// shipments of one number never reach each other's subscriptions.
/// </summary>
internal sealed class SubscriptionIndex
{
    public static readonly SubscriptionIndex Empty = new([]);

    private readonly FrozenDictionary<string, Route[]> _byType;
    private readonly Route[] _anyType;

    public SubscriptionIndex(IEnumerable<SubscriptionEntry> entries)
    {
        var routes = entries.Where(e => e.Enabled).Select(e => new Route(e)).ToArray();
        _anyType = [.. routes.Where(r => r.Types.Count == 0)];
        _byType = routes.SelectMany(r => r.Types.Select(t => (Type: t, Route: r)))
            .GroupBy(x => x.Type, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Route).ToArray(), StringComparer.Ordinal);
        Count = routes.Length;
    }

    /// <summary>Enabled subscriptions in the index.</summary>
    public int Count { get; }

    /// <summary>The ids of the subscriptions <paramref name="e"/> goes to.</summary>
    public IReadOnlyList<string> Match(OutboundEvent e)
    {
        if (Count == 0)
        {
            return [];
        }

        List<string>? matched = null;
        Names? names = null;
        var typed = _byType.GetValueOrDefault(e.Type) ?? [];
        foreach (var route in typed.Concat(_anyType))
        {
            if (route.Takes(e, ref names))
            {
                (matched ??= []).Add(route.Id);
            }
        }

        return matched ?? (IReadOnlyList<string>)[];
    }

    private sealed class Route(SubscriptionEntry entry)
    {
        public string Id { get; } = entry.Id;

        public FrozenSet<string> Types { get; } = entry.Definition.Types
            .Concat((entry.Definition.Families ?? []).SelectMany(f => EventFamilies.Types.GetValueOrDefault(f) ?? []))
            .ToFrozenSet(StringComparer.Ordinal);

        private readonly FrozenSet<string> _shipments = (entry.Definition.ShipmentKeys ?? entry.Definition.TrackingNumbers).ToFrozenSet(StringComparer.Ordinal);
        private readonly FrozenSet<string> _vehicleIds = entry.Definition.VehicleIds.ToFrozenSet(StringComparer.Ordinal);
        private readonly FrozenSet<string> _facilityIds = (entry.Definition.FacilityIds ?? []).ToFrozenSet(StringComparer.Ordinal);

        public bool Takes(OutboundEvent e, ref Names? names)
        {
            if (_shipments.Count == 0 && _vehicleIds.Count == 0 && _facilityIds.Count == 0)
            {
                return true;
            }

            names ??= Names.Of(e);
            var named = (_shipments.Count == 0 && _vehicleIds.Count == 0)
                || names.Shipments.Exists(_shipments.Contains) || names.VehicleIds.Exists(_vehicleIds.Contains);
            return named && (_facilityIds.Count == 0 || names.Facilities.Exists(_facilityIds.Contains));
        }
    }

    /// <summary>The shipment keys and vehicle ids an event names, read once per event.</summary>
    private sealed class Names
    {
        private static readonly string ShipmentPrefix = EventTypes.ShipmentSource("");
        private static readonly string VehiclePrefix = EventTypes.VehicleSource("");

        public List<string> Shipments { get; } = [];

        public List<string> VehicleIds { get; } = [];

        public List<string> Facilities { get; } = [];

        public static Names Of(OutboundEvent e)
        {
            var names = new Names();
            if (e.Shipments is { } keys)
            {
                names.Shipments.AddRange(keys);
            }
            else if (e.Source.StartsWith(ShipmentPrefix, StringComparison.Ordinal))
            {
                names.Shipments.Add(e.Subject);
            }
            else if (e.Source.StartsWith(VehiclePrefix, StringComparison.Ordinal))
            {
                names.VehicleIds.Add(e.Subject);
            }

            try
            {
                using var doc = JsonDocument.Parse(e.Data);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return names;
                }

                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    switch (property.Name)
                    {
                        case "trackingNumber" when e.Shipments is null && property.Value.ValueKind == JsonValueKind.String:
                            names.Shipments.Add(property.Value.GetString()!);
                            break;
                        case "trackingNumbers" when e.Shipments is null && property.Value.ValueKind == JsonValueKind.Array:
                            names.Shipments.AddRange(property.Value.EnumerateArray()
                                .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
                            break;
                        case "vehicleId" when property.Value.ValueKind == JsonValueKind.String:
                            names.VehicleIds.Add(property.Value.GetString()!);
                            break;
                        case "facilityId" or "geofenceId" when property.Value.ValueKind == JsonValueKind.String:
                            names.Facilities.Add(property.Value.GetString()!);
                            break;
                    }
                }
            }
            catch (JsonException)
            {
                // The platform writes the data; unreadable data names nothing beyond the subject.
            }

            return names;
        }
    }
}
