using SupplyChain.Archive.Erasure;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;

namespace SupplyChain.Silo.Shipments;

/// <summary>
/// What of the archive an erasure rewrites: the hours from the shipment's earliest scan or event (its
/// first milestone is always kept, however many follow) up to now, since events it raised later (an
/// idle alert, say) carry the time they were raised; and the vehicles whose events name it. Pure.
/// </summary>
/// <param name="Shipment">What goes and what is redacted.</param>
/// <param name="From">The start of the span; null when the shipment has no event to archive (a plan only).</param>
/// <param name="To">The end of the span.</param>
internal sealed record ErasureScope(ErasedShipment Shipment, DateTimeOffset? From, DateTimeOffset To)
{
    public static ErasureScope Of(string key, ShipmentView view, IReadOnlyList<OutboundEvent> events, DateTimeOffset now)
    {
        var times = view.Milestones.Select(m => m.At).Concat(events.Select(e => e.Time)).ToList();
        DateTimeOffset? from = times.Count == 0 ? null : times.Min();
        var to = times.Count == 0 || times.Max() < now ? now : times.Max();
        var vehicles = view.Milestones.Select(m => m.VehicleId).Append(view.VehicleId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new ErasureScope(new ErasedShipment(view.TrackingNumber, key, vehicles), from, to);
    }
}
