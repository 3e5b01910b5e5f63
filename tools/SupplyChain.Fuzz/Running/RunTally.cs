using System.Globalization;
using System.Text.RegularExpressions;
using SupplyChain.Fuzz.Cases;

namespace SupplyChain.Fuzz.Running;

/// <summary>
/// What a run has seen so far: counts by status, the slowest case, failures, the valid events that
/// were accepted (to check they were applied) and the fences and subscriptions it created (to
/// delete them). Thread safe: requests in flight add to it while the progress line reads it.
/// </summary>
internal sealed partial class RunTally
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, int>> _statuses = new(StringComparer.Ordinal);
    private readonly List<FuzzFailure> _failures = [];
    private readonly List<ValidScan> _scans = [];
    private readonly List<ValidPing> _pings = [];
    private readonly List<string> _created = [];
    private long _done;
    private int _serverErrors;
    private int _droppedConnections;

    public long Done => Interlocked.Read(ref _done);

    public int ServerErrors => Volatile.Read(ref _serverErrors);

    /// <summary>Requests whose connection broke before any answer, and were sent again.</summary>
    public int DroppedConnections => Volatile.Read(ref _droppedConnections);

    /// <summary>The slowest case so far, or null before the first.</summary>
    public CaseOutcome? Slowest { get; private set; }

    public void Add(CaseOutcome outcome)
    {
        var failure = FailureOf(outcome);
        lock (_lock)
        {
            var key = outcome.Status?.ToString(CultureInfo.InvariantCulture) ?? (outcome.TimedOut ? "timeout" : outcome.Case.WithinHttpLimits ? "no answer" : "closed (refused at the HTTP level)");
            var route = outcome.Case.Route;
            var counts = _statuses.TryGetValue(route, out var seen) ? seen : _statuses[route] = new Dictionary<string, int>(StringComparer.Ordinal);
            counts[key] = counts.GetValueOrDefault(key) + 1;
            if (Slowest is null || outcome.Elapsed > Slowest.Elapsed)
            {
                Slowest = outcome;
            }

            if (failure is not null)
            {
                _failures.Add(failure);
            }

            if (outcome.Status == 202 && outcome.Case.MustBeAccepted)
            {
                _scans.AddRange(outcome.Case.Scans);
                _pings.AddRange(outcome.Case.Pings);
            }

            if (CreatedBy(outcome) is { } created)
            {
                _created.Add(created);
            }
        }

        if (outcome.Status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
        }

        Interlocked.Increment(ref _done);
    }

    public void ConnectionDropped() => Interlocked.Increment(ref _droppedConnections);

    public void AddFailure(FuzzFailure failure)
    {
        lock (_lock)
        {
            _failures.Add(failure);
        }
    }

    /// <summary>Answers by route, then by status ("timeout" and "no answer" when none came).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Statuses()
    {
        lock (_lock)
        {
            return _statuses.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)new Dictionary<string, int>(p.Value), StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<FuzzFailure> Failures()
    {
        lock (_lock)
        {
            return [.. _failures];
        }
    }

    public (IReadOnlyList<ValidScan> Scans, IReadOnlyList<ValidPing> Pings) Accepted()
    {
        lock (_lock)
        {
            return ([.. _scans], [.. _pings]);
        }
    }

    /// <summary>Paths of the fences and subscriptions the run created, for a DELETE each.</summary>
    public IReadOnlyList<string> Created()
    {
        lock (_lock)
        {
            // A run puts its fences under a few ids again and again: each is deleted once.
            return [.. _created.Distinct(StringComparer.Ordinal)];
        }
    }

    private static FuzzFailure? FailureOf(CaseOutcome outcome)
    {
        if (outcome.Status >= 500)
        {
            return new FuzzFailure("server error", $"answered {outcome.Status}", outcome);
        }

        if (outcome.TimedOut)
        {
            return new FuzzFailure("too slow", $"no answer within {outcome.Elapsed.TotalSeconds:0.#} s", outcome);
        }

        if (outcome.Status is null)
        {
            return outcome.Case.WithinHttpLimits ? new FuzzFailure("no answer", outcome.Error ?? "the connection closed", outcome) : null;
        }

        return outcome.Case.MustBeAccepted && outcome.Status != 202
            ? new FuzzFailure("valid events refused", $"answered {outcome.Status}", outcome)
            : null;
    }

    private static string? CreatedBy(CaseOutcome outcome)
    {
        if (outcome.Case.Route == "PUT /api/geofences/{id}" && outcome.Status is 200 or 201)
        {
            return outcome.Case.PathAndQuery;
        }

        if (outcome.Case.Route == "POST /api/subscriptions" && outcome.Status == 201)
        {
            // The answer may be cut short (it echoes the filters); the id comes first.
            return SubscriptionId().Match(outcome.Answer) is { Success: true } id ? "/api/subscriptions/" + id.Groups[1].Value : null;
        }

        return null;
    }

    [GeneratedRegex("\"id\"\\s*:\\s*\"(sub_[0-9a-f]+)\"")]
    private static partial Regex SubscriptionId();
}
