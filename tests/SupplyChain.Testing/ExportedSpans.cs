using System.Collections.ObjectModel;
using System.Diagnostics;

namespace SupplyChain.Testing;

/// <summary>
/// Where OpenTelemetry's in-memory exporter puts the spans. The exporter adds from its own thread
/// without a lock, so additions take one here, and a test reads a copy taken under the same lock.
/// </summary>
public sealed class ExportedSpans : Collection<Activity>
{
    private readonly Lock _lock = new();

    /// <summary>The spans exported so far.</summary>
    public List<Activity> Snapshot()
    {
        lock (_lock)
        {
            return [.. this];
        }
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (_lock)
        {
            base.InsertItem(index, item);
        }
    }
}
