using SupplyChain.Contracts.Ingestion;
using SupplyChain.Ingestion.Reading;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// What an audited request posted or handed to the event streams: how many events, their distinct
/// sources (the first <see cref="MaxSources"/> kept, all counted) and, for <c>POST /api/events</c>, the
/// outcome. The audit middleware opens one per audited request (<see cref="Current"/> flows with the
/// request's async calls); <see cref="SummarizingEventObserver"/> fills it in from the events as they
/// are read, so a refused post is summarized as well as an accepted one, and
/// <see cref="SummarizingEventSink"/> from what other writers (a re-drive) publish. Used by one request at a time.
/// </summary>
internal sealed class EventSummary
{
    /// <summary>
    /// Sources kept per record: enough to name a carrier's feeds, few enough to keep records small.
    /// Kept as given; the audit middleware cuts each to what a record holds (<see cref="AuditTarget.Printable"/>).
    /// </summary>
    public const int MaxSources = 5;

    private static readonly AsyncLocal<EventSummary?> CurrentSummary = new();
    private HashSet<string>? _distinct;

    /// <summary>The summary of the request this code runs for, if that request is audited.</summary>
    public static EventSummary? Current
    {
        get => CurrentSummary.Value;
        set => CurrentSummary.Value = value;
    }

    /// <summary>Events the request carried (or published); null while none was read.</summary>
    public long? Events { get; private set; }

    /// <summary>Whether the request's own events were read: then they, not what reached the streams, are its summary.</summary>
    public bool Read { get; private set; }

    public List<string> Sources { get; } = [];

    public int SourceCount => _distinct?.Count ?? Sources.Count;

    /// <summary>Why an event post was refused, in the words of <see cref="EventPostOutcome"/>; set by the events endpoint.</summary>
    public string? Outcome { get; set; }

    /// <summary>Notes the events a request carried, as read; unreadable ones count, without a source.</summary>
    public void Received(IReadOnlyList<ReceivedEvent?> events)
    {
        Read = true;
        Events = (Events ?? 0) + events.Count;
        string? previous = null;
        foreach (var e in events)
        {
            // A request's events nearly always come in runs of one source.
            if (e?.Source is not { } source || source == previous)
            {
                continue;
            }

            previous = source;
            Note(source);
        }
    }

    /// <summary>Notes events handed to the streams by a writer other than the events endpoint.</summary>
    public void Published(IReadOnlyList<InboundEvent> events)
    {
        Events = (Events ?? 0) + events.Count;
        string? previous = null;
        foreach (var e in events)
        {
            if (e.Source == previous)
            {
                continue;
            }

            previous = e.Source;
            Note(e.Source);
        }
    }

    /// <summary>Notes a source named outside a read body (binary mode's <c>ce-source</c> of a request refused before its body was read).</summary>
    public void Named(string source) => Note(source);

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
