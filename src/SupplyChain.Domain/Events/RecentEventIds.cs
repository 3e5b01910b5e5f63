namespace SupplyChain.Domain.Events;

/// <summary>
/// A bounded memory of the inbound events a consumer has processed, keyed by CloudEvent
/// <c>source</c> and <c>id</c>, so a redelivered or retried event is processed once. The oldest
/// key is forgotten first; a copy arriving after <see cref="Capacity"/> newer events is no
/// longer recognised here, which is why consumers also compare event times. Not thread safe:
/// it belongs to one grain.
/// </summary>
public sealed class RecentEventIds
{
    private readonly Queue<string> _order;
    private readonly HashSet<string> _keys;

    /// <summary>Creates the memory, restoring <paramref name="remembered"/> (oldest first).</summary>
    public RecentEventIds(int capacity, IEnumerable<string>? remembered = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _order = new Queue<string>(capacity);
        _keys = new HashSet<string>(capacity, StringComparer.Ordinal);
        foreach (var key in remembered ?? [])
        {
            Remember(key);
        }
    }

    /// <summary>How many keys are kept.</summary>
    public int Capacity { get; }

    /// <summary>The remembered keys, oldest first, for saving with the consumer's state.</summary>
    public IReadOnlyCollection<string> Keys => _order;

    /// <summary>The key of an event: its source and id, which CloudEvents says identify it.</summary>
    public static string KeyOf(string source, string id) => string.Concat(source, "\n", id);

    /// <summary>Remembers <paramref name="key"/>; false when it was already remembered.</summary>
    public bool Remember(string key)
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
    public bool Contains(string key) => _keys.Contains(key);
}
