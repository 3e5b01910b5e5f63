using System.Collections.Concurrent;

namespace SupplyChain.Silo.Accounts;

/// <summary>
/// Values by id, each kept for a fixed time after it was read, absent ones too (so a made-up key id
/// costs the store one read per cache period, not one per request). Bounded: when full, expired
/// entries go, and if that is not enough, all of them. Thread safe; two callers missing the same
/// id at once both read the store, which is harmless.
/// </summary>
internal sealed class ExpiringCache<TValue>(TimeProvider time, TimeSpan duration, int maxEntries)
    where TValue : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached value of <paramref name="id"/>, else what <paramref name="read"/> returns (then cached).</summary>
    public async ValueTask<TValue?> GetAsync(string id, Func<string, CancellationToken, Task<TValue?>> read, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(id, out var cached) && cached.Until > now)
        {
            return cached.Value;
        }

        var value = await read(id, cancellationToken);
        if (duration > TimeSpan.Zero)
        {
            MakeRoom(now);
            _entries[id] = new Entry(value, now + duration);
        }

        return value;
    }

    /// <summary>Drops <paramref name="id"/>, so the next read goes to the store (after a change made on this silo).</summary>
    public void Forget(string id) => _entries.TryRemove(id, out _);

    private void MakeRoom(DateTimeOffset now)
    {
        if (_entries.Count < maxEntries)
        {
            return;
        }

        foreach (var (id, entry) in _entries)
        {
            if (entry.Until <= now)
            {
                _entries.TryRemove(id, out _);
            }
        }

        if (_entries.Count >= maxEntries)
        {
            _entries.Clear();
        }
    }

    private readonly record struct Entry(TValue? Value, DateTimeOffset Until);
}
