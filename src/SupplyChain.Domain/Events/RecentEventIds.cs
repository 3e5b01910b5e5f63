namespace SupplyChain.Domain.Events;

/// <summary>
/// A bounded memory of the inbound events a consumer has processed, keyed by CloudEvent
/// <c>source</c> and <c>id</c>, so a redelivered or retried event is processed once. Keys are
/// 64-bit hashes (8 bytes each, where the strings would take over a hundred, times every
/// vehicle); two different events collide with a probability of about n²/2⁶⁵ for n remembered
/// keys, i.e. never in practice. The oldest key is forgotten first; a copy arriving after
/// <see cref="Capacity"/> newer events is no longer recognised here, which is why consumers also
/// compare event times. Not thread safe: it belongs to one grain.
/// </summary>
public sealed class RecentEventIds
{
    private readonly Queue<ulong> _order = new();
    private readonly HashSet<ulong> _keys = [];

    /// <summary>Creates the memory, restoring <paramref name="remembered"/> (oldest first).</summary>
    public RecentEventIds(int capacity, IEnumerable<ulong>? remembered = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        foreach (var key in remembered ?? [])
        {
            Remember(key);
        }
    }

    /// <summary>How many keys are kept.</summary>
    public int Capacity { get; }

    /// <summary>The remembered keys, oldest first, for saving with the consumer's state.</summary>
    public IReadOnlyCollection<ulong> Keys => _order;

    /// <summary>The key of an event: a 64-bit FNV-1a hash of its source and id, which CloudEvents says identify it.</summary>
    public static ulong KeyOf(string source, string id)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        const ulong prime = 1099511628211;
        var hash = 14695981039346656037;
        foreach (var c in source)
        {
            hash = (hash ^ c) * prime;
        }

        // A separator that cannot occur in a URI reference keeps ("a", "bc") apart from ("ab", "c").
        hash = (hash ^ '\n') * prime;
        foreach (var c in id)
        {
            hash = (hash ^ c) * prime;
        }

        return hash;
    }

    /// <summary>Remembers <paramref name="key"/>; false when it was already remembered.</summary>
    public bool Remember(ulong key)
    {
        if (!_keys.Add(key))
        {
            return false;
        }

        _order.Enqueue(key);
        if (_order.Count > Capacity)
        {
            _keys.Remove(_order.Dequeue());
        }

        return true;
    }

    /// <summary>True when <paramref name="key"/> is remembered.</summary>
    public bool Contains(ulong key) => _keys.Contains(key);
}
