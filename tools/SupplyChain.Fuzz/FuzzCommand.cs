using System.Globalization;
using SupplyChain.Fuzz.Running;

namespace SupplyChain.Fuzz;

/// <summary>The console tool's two actions: a run with a progress line, and the replay of one case.</summary>
internal static class FuzzCommand
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    /// <summary>Runs the cases, printing progress, then the report; 0 when every requirement held, else 1.</summary>
    public static async Task<int> RunAsync(FuzzSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fuzzing {settings.BaseAddress} with seed {settings.Seed}: {settings.Count} cases, {settings.Concurrency} at a time."));
        using var runner = new FuzzRunner(settings);
        var started = DateTime.UtcNow;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = PrintProgressAsync(runner.Tally, settings.Count, started, output, stop.Token);
        FuzzReport report;
        try
        {
            report = await runner.RunAsync(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await progress;
        }

        output.WriteLine(report);
        return report.Passed ? 0 : 1;
    }

    /// <summary>Sends one case, showing it and its answer; 0 when the answer meets the requirements, else 1.</summary>
    public static async Task<int> ReplayAsync(FuzzSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        using var runner = new FuzzRunner(settings);
        var c = runner.Case(settings.FirstCase);
        output.Write(CaseText.Describe(c, settings.Seed));
        var outcome = await runner.SendAsync(c, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answer after {outcome.Elapsed.TotalSeconds:0.000} s: {outcome.Status?.ToString(CultureInfo.InvariantCulture) ?? outcome.Error}"));
        output.WriteLine(outcome.Answer);
        return outcome.Status is < 500 && !(c.MustBeAccepted && outcome.Status != 202) ? 0 : 1;
    }

    private static async Task PrintProgressAsync(RunTally tally, long total, DateTime started, TextWriter output, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var done = tally.Done;
                var seconds = (DateTime.UtcNow - started).TotalSeconds;
                var slowest = tally.Slowest is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.Elapsed.TotalSeconds:0.00} s (case {s.Case.Index})") : "-";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{done}/{total} cases, {done / Math.Max(seconds, 0.001):0}/s, 5xx {tally.ServerErrors}, failures {tally.Failures().Count}, slowest {slowest}"));
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
