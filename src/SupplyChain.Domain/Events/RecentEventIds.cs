namespace SupplyChain.Domain.Events;

/// <summary>
/// A bounded memory of the inbound events a consumer has processed, keyed by CloudEvent
/// <c>source</c> and <c>id</c>, so a redelivered or retried event is processed once. Keys are
/// 64-bit hashes (8 bytes each, where the strings would take over a hundred, times every
/// vehicle); two different events collide with a probability of about n²/2⁶⁵ for n remembered
/// keys, i.e. never in practice. The oldest key is forgotten first; a copy arriving after
/// <see cref="Capacity"/> newer events is no longer recognised here, which is why consumers also
/// compare event times. The keys live in one ring of <see cref="Capacity"/> slots, searched
/// end to end (vectorised): for the few dozen keys a vehicle keeps that is as fast as a hash set in
/// far less memory, which counts a hundred thousand times over (benchmarks.md, "Memory per vehicle").
/// Not thread safe: it belongs to one grain.
/// </summary>
public sealed class RecentEventIds
{
    private readonly ulong[] _ring;
    private int _count;
    private int _next;

    /// <summary>Creates the memory, restoring <paramref name="remembered"/> (oldest first).</summary>
    public RecentEventIds(int capacity, IEnumerable<ulong>? remembered = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _ring = new ulong[capacity];
        foreach (var key in remembered ?? [])
        {
            Remember(key);
        }
    }

    /// <summary>How many keys are kept.</summary>
    public int Capacity { get; }

    /// <summary>The remembered keys, oldest first, for saving with the consumer's state.</summary>
    public IReadOnlyCollection<ulong> Keys
    {
        get
        {
            // Until the ring is full the oldest key is in slot 0; after that, in the slot written next.
            var oldest = _count < Capacity ? 0 : _next;
            return [.. _ring.AsSpan(oldest, _count - oldest), .. _ring.AsSpan(0, oldest)];
        }
    }

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
        if (Contains(key))
        {
            return false;
        }

        _ring[_next] = key;
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
        return true;
    }

    /// <summary>True when <paramref name="key"/> is remembered.</summary>
    public bool Contains(ulong key) => _ring.AsSpan(0, _count).Contains(key);
}
