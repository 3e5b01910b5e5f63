using SupplyChain.Domain.Shipments;

namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// A vehicle's latest accepted fixes, oldest first, at most <see cref="Capacity"/> of them (the
/// oldest is forgotten first): what a shipment bound by a load scan that arrives after the pings
/// of its trip is handed (docs/architecture.md, "Bindings on event time"). Fixes are accepted in
/// event-time order, so the ring is in event-time order too. Held in memory only: a vehicle read
/// afresh from storage starts with none. Not thread safe: it belongs to one vehicle.
/// </summary>
internal sealed class FixHistory(int capacity)
{
    private HeldFix[]? _ring;
    private int _count;
    private int _next;

    /// <summary>How many fixes are held at most.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Fixes held now.</summary>
    public int Count => _count;

    /// <summary>Holds <paramref name="fix"/>, the latest; the oldest goes when the ring is full.</summary>
    public void Add(HeldFix fix)
    {
        if (Capacity == 0)
        {
            return;
        }

        // Allocated on the first fix: a vehicle that is only read (a view, a carry) holds nothing.
        _ring ??= new HeldFix[Capacity];
        _ring[_next] = fix;
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
    }

    /// <summary>The fixes held that fall in <paramref name="spell"/>, oldest first.</summary>
    public IReadOnlyList<HeldFix> In(CarriedSpell spell)
    {
        var result = new List<HeldFix>();
        for (var i = 0; i < _count; i++)
        {
            var fix = _ring![(_next - _count + i + Capacity) % Capacity];
            if (spell.Covers(fix.At))
            {
                result.Add(fix);
            }
        }

        return result;
    }
}
