using System.Globalization;

namespace SupplyChain.Pods;

/// <summary>The tool's commands, read line by line: what an operator does to a Deployment's pods.</summary>
internal sealed class PodConsole(LoopbackCluster cluster)
{
    /// <summary>Runs commands until <c>stop</c> or <paramref name="stopping"/>; at the end of input it waits for <paramref name="stopping"/>.</summary>
    public async Task RunAsync(TextReader input, CancellationToken stopping)
    {
        try
        {
            while (await input.ReadLineAsync(stopping) is { } line)
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words is ["stop"] or ["quit"])
                {
                    return;
                }

                try
                {
                    await ExecuteAsync(words, stopping);
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FormatException or ArgumentOutOfRangeException)
                {
                    Console.WriteLine($"error: {ex.Message}");
                }
            }

            // No more input (started in the background): keep the pods until Ctrl+C or SIGTERM.
            await Task.Delay(Timeout.Infinite, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: the caller stops everything.
        }
    }

    public void PrintStatus()
    {
        foreach (var pod in cluster.Pods)
        {
            Console.WriteLine($"pod {pod.Ordinal}: {pod.Name} {(pod.IsRunning ? $"running (pid {pod.ProcessId})" : "stopped")} on {pod.BaseAddress}");
        }

        Console.WriteLine($"azurite: {cluster.AzuriteAddress} (the Service 'azurite' of the connection string)");
    }

    private async Task ExecuteAsync(string[] words, CancellationToken stopping)
    {
        switch (words)
        {
            case ["status"]:
                PrintStatus();
                break;
            case ["term", var n]:
                await TerminateAsync(Ordinal(n));
                break;
            case ["start", var n]:
                await StartAsync(Ordinal(n), stopping);
                break;
            case ["restart", var n]:
                await TerminateAsync(Ordinal(n));
                await StartAsync(Ordinal(n), stopping);
                break;
            case ["rollout"]:
                // One pod at a time, the next only once the new one is ready, as a Deployment rollout.
                foreach (var pod in cluster.Pods)
                {
                    await TerminateAsync(pod.Ordinal);
                    await StartAsync(pod.Ordinal, stopping);
                }

                break;
            case []:
                break;
            default:
                Console.WriteLine("Commands: status | term N | start N | restart N | rollout | stop");
                break;
        }
    }

    private async Task TerminateAsync(int ordinal)
    {
        var name = cluster.Pods[ordinal].Name;
        var (drain, exitCode) = await cluster.TerminateAsync(ordinal);
        Console.WriteLine($"pod {ordinal} ({name}): SIGTERM to exit {drain.TotalSeconds:F1} s, exit code {exitCode}");
    }

    private async Task StartAsync(int ordinal, CancellationToken stopping)
    {
        await cluster.StartAsync(ordinal, stopping);
        Console.WriteLine($"pod {ordinal} ({cluster.Pods[ordinal].Name}): ready on {cluster.Pods[ordinal].BaseAddress}");
    }

    private int Ordinal(string text)
    {
        var ordinal = int.Parse(text, CultureInfo.InvariantCulture);
        return ordinal >= 0 && ordinal < cluster.Pods.Count
            ? ordinal
            : throw new ArgumentOutOfRangeException(nameof(text), $"No pod {ordinal}: pods are 0 to {cluster.Pods.Count - 1}.");
    }
}
