using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// The Embedded mode's audit store: the newest <see cref="AuditOptions.MemoryCapacity"/> records in
/// memory, gone with the silo. Thread safe.
/// </summary>
internal sealed class MemoryAuditStore(IOptions<AuditOptions> options) : IAuditStore
{
    private static readonly Comparer<AuditRecord> ById = Comparer<AuditRecord>.Create((a, b) => string.CompareOrdinal(a.Id, b.Id));

    private readonly SortedSet<AuditRecord> _records = new(ById);
    private readonly Lock _lock = new();
    private readonly int _capacity = options.Value.MemoryCapacity;

    public Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var record in records)
            {
                _records.Add(record);
            }

            // Ids sort newest first, so the oldest record is the largest.
            while (_records.Count > _capacity)
            {
                _records.Remove(_records.Max!);
            }
        }

        return Task.CompletedTask;
    }

    public Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var page = new List<AuditRecord>(Math.Min(query.Limit + 1, 64));
        lock (_lock)
        {
            foreach (var record in _records)
            {
                if (query.From is { } from && record.At < from)
                {
                    break;
                }

                if (query.Matches(record))
                {
                    page.Add(record);
                    if (page.Count > query.Limit)
                    {
                        break;
                    }
                }
            }
        }

        return Task.FromResult(AuditPages.Of(page, query.Limit));
    }
}
