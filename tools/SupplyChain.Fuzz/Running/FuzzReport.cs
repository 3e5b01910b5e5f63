using System.Globalization;
using System.Text;

namespace SupplyChain.Fuzz.Running;

/// <summary>The outcome of a run: what was sent, what came back, and each requirement it broke.</summary>
internal sealed record FuzzReport(
    FuzzSettings Settings,
    long Cases,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Statuses,
    CaseOutcome? Slowest,
    int ScansApplied,
    int PingsApplied,
    int DroppedConnections,
    IReadOnlyList<FuzzFailure> Failures)
{
    public bool Passed => Failures.Count == 0;

    public override string ToString()
    {
        var s = Settings;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Fuzz run: seed {s.Seed}, cases {s.FirstCase}..{s.FirstCase + Cases - 1} in {Elapsed.TotalSeconds:0.0} s ({Cases / Math.Max(Elapsed.TotalSeconds, 0.001):0}/s), concurrency {s.Concurrency}, {s.BaseAddress}").AppendLine();
        text.AppendLine("Answers by route:");
        foreach (var (route, counts) in Statuses.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {route,-50}").AppendJoin(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}")).AppendLine();
        }

        if (Slowest is { } slowest)
        {
            text.Append(CultureInfo.InvariantCulture, $"Slowest: {slowest.Elapsed.TotalSeconds:0.00} s, case {slowest.Case.Index} ({slowest.Case.Route} [{slowest.Case.Mutation}])").AppendLine();
        }

        text.Append(CultureInfo.InvariantCulture, $"Valid events accepted and checked: {ScansApplied} scans, {PingsApplied} pings").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Connections the silo closed before answering (each request sent again): {DroppedConnections}").AppendLine();
        if (Passed)
        {
            return text.Append("PASSED: no 5xx, no request over ")
                .Append(s.MaxDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture))
                .Append(" s, every accepted valid event applied, ready afterwards.").AppendLine().ToString();
        }

        var kinds = Failures.GroupBy(f => f.Kind).OrderByDescending(g => g.Count()).ToList();
        text.Append(CultureInfo.InvariantCulture, $"FAILED: {Failures.Count} failures of {kinds.Count} kinds (cases grouped by requirement, status, route and mutation):").AppendLine();
        foreach (var kind in kinds)
        {
            var first = kind.First().Outcome is { } o ? $", first case {o.Case.Index}" : "";
            text.Append(CultureInfo.InvariantCulture, $"  {kind.Count(),5} x {kind.Key}{first}").AppendLine();
        }

        text.AppendLine().Append(CultureInfo.InvariantCulture, $"The first case of each of the first {Math.Min(kinds.Count, s.FailuresShown)} kinds, in full:").AppendLine();
        foreach (var failure in kinds.Take(s.FailuresShown).Select(k => k.First()))
        {
            text.Append(CultureInfo.InvariantCulture, $"* {failure.Requirement}: {failure.Detail}").AppendLine();
            if (failure.Outcome is { } o)
            {
                text.Append(CaseText.Describe(o.Case, s.Seed));
                text.Append(CultureInfo.InvariantCulture, $"    answer after {o.Elapsed.TotalSeconds:0.000} s: {CaseText.Shown(Encoding.UTF8.GetBytes(o.Error ?? o.Answer), 400)}").AppendLine();
                text.Append(CultureInfo.InvariantCulture, $"    replay: dotnet run --project tools/SupplyChain.Fuzz -- --url {s.BaseAddress} --seed {s.Seed} --case {o.Case.Index}").AppendLine();
            }
        }

        return text.ToString();
    }
}
