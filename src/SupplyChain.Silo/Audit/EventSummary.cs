using SupplyChain.Contracts.Ingestion;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// What an audited request handed to the event streams: how many events, and their distinct sources
/// (the first <see cref="MaxSources"/> kept, all counted). The audit middleware opens one per audited
/// request (<see cref="Current"/> flows with the request's async calls) and
/// <see cref="SummarizingEventSink"/> fills it in, so <c>POST /api/events</c> and re-drives are
/// summarized without the ingestion knowing about audits. Used by one request at a time.
/// </summary>
internal sealed class EventSummary
{
    /// <summary>Sources kept per record: enough to name a carrier's feeds, few enough to keep records small.</summary>
    public const int MaxSources = 5;

    /// <summary>Characters kept of a source (ingestion bounds them too; a record must not depend on that).</summary>
    public const int MaxSourceLength = 200;

    private static readonly AsyncLocal<EventSummary?> CurrentSummary = new();
    private HashSet<string>? _distinct;

    /// <summary>The summary of the request this code runs for, if that request is audited.</summary>
    public static EventSummary? Current
    {
        get => CurrentSummary.Value;
        set => CurrentSummary.Value = value;
    }

    public long Events { get; private set; }

    public List<string> Sources { get; } = [];

    public int SourceCount => _distinct?.Count ?? Sources.Count;

    public void Add(IReadOnlyList<InboundEvent> events)
    {
        Events += events.Count;
        string? previous = null;
        foreach (var e in events)
        {
            // A request's events nearly always come in runs of one source.
            if (e.Source == previous)
            {
                continue;
            }

            previous = e.Source;
            Note(e.Source.Length <= MaxSourceLength ? e.Source : e.Source[..MaxSourceLength]);
        }
    }

    private void Note(string source)
    {
        if (_distinct is null)
        {
            if (Sources.Contains(source, StringComparer.Ordinal))
            {
                return;
            }

            if (Sources.Count < MaxSources)
            {
                Sources.Add(source);
                return;
            }

            _distinct = new HashSet<string>(Sources, StringComparer.Ordinal);
        }

        _distinct.Add(source);
    }
}
