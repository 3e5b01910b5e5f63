using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace SupplyChain.Pods;

/// <summary>
/// One pod of the silo Deployment as a local process: <c>dotnet SupplyChain.Silo.dll</c> with the
/// container's environment and nothing inherited but what the image itself provides (the runtime's
/// location, <c>PATH</c>, <c>HOME</c>), so no <c>KUBERNETES_*</c> or configuration of the caller's
/// shell leaks in. Each start is a new pod: a new name, the same address.
/// </summary>
internal sealed class PodProcess : IAsyncDisposable
{
    /// <summary>The variables a container image would carry; everything else comes from the manifest.</summary>
    private static readonly string[] ImageVariables = ["PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG"];

    /// <summary>Lines of output kept (the latest), so a long-running pod does not grow without bound.</summary>
    private const int MaxKeptLines = 5000;

    private readonly ConcurrentQueue<string> _output = new();
    private readonly Action<string>? _echo;
    private Process? _process;

    public PodProcess(int ordinal, IPAddress address, int httpPort, Action<string>? echo)
    {
        Ordinal = ordinal;
        Address = address;
        HttpPort = httpPort;
        _echo = echo;
    }

    public int Ordinal { get; }

    public IPAddress Address { get; }

    public int HttpPort { get; }

    /// <summary>The pod's name in its current run (<c>POD_NAME</c>).</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The environment of the current run.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    public Uri BaseAddress => new($"http://{Address}:{HttpPort}/");

    public bool IsRunning => _process is { HasExited: false };

    public int? ProcessId => _process?.Id;

    /// <summary>The latest lines the process wrote to stdout and stderr, all runs.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Starts the process as pod <paramref name="name"/> with <paramref name="environment"/>.</summary>
    public void Launch(string siloAssembly, string name, IReadOnlyDictionary<string, string> environment)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"Pod {Ordinal} ({Name}) is still running.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(siloAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(siloAssembly);
        start.Environment.Clear();
        foreach (var variable in ImageVariables)
        {
            if (System.Environment.GetEnvironmentVariable(variable) is { } value)
            {
                start.Environment[variable] = value;
            }
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process?.Dispose();
        Name = name;
        Environment = environment;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Pod {name} did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200, as the readiness probe would; fails if the process exits first.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"Pod {Name} exited before it was ready:\n{string.Join('\n', _output.TakeLast(40))}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Pod {Name} was not ready within {timeout.TotalSeconds} s:\n{string.Join('\n', _output.TakeLast(40))}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Sends SIGTERM and waits for the process to exit; returns the drain time (SIGTERM to exit) and the exit code.</summary>
    public async Task<(TimeSpan Drain, int ExitCode)> TerminateAsync(TimeSpan gracePeriod)
    {
        var process = _process ?? throw new InvalidOperationException($"Pod {Ordinal} was never started.");
        var drain = Stopwatch.StartNew();
        Signals.Terminate(process);
        using var grace = new CancellationTokenSource(gracePeriod);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            // The kubelet's SIGKILL at the end of terminationGracePeriodSeconds.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return (drain.Elapsed, process.ExitCode);
    }

    /// <summary>Waits for the process to exit by itself.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken) =>
        await (_process ?? throw new InvalidOperationException($"Pod {Ordinal} was never started.")).WaitForExitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
            while (_output.Count > MaxKeptLines)
            {
                _output.TryDequeue(out _);
            }

            _echo?.Invoke($"[{Ordinal}] {line}");
        }
    }
}
