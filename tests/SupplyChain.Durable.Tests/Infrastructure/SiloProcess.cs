using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SupplyChain.Durable.Tests.Infrastructure;

/// <summary>
/// A real silo process (<c>dotnet SupplyChain.Silo.dll</c>) in Durable mode on loopback with its
/// own HTTP, silo and gateway ports, as a pod would run it. It keeps its ports across restarts,
/// so a restarted silo is a new generation of the same address.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    public const string CarrierKey = "dev-carrier";
    public const string AdminKey = "dev-admin";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly string[] _args;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private SiloProcess(string name, string[] args)
    {
        Name = name;
        _args = args;
    }

    public string Name { get; }

    public int HttpPort { get; private init; }

    public int SiloPort { get; private init; }

    public Uri Address => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>Everything the process wrote to stdout and stderr so far, all runs.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>The last <paramref name="count"/> warnings and errors the process logged: what a failed test reports to explain itself.</summary>
    public IEnumerable<string> Problems(int count) => _output.Where(line => Problem().IsMatch(line)).TakeLast(count);

    public int ExitCode => _process!.ExitCode;

    /// <summary>The arguments of a durable silo on <paramref name="azurite"/> in cluster <paramref name="clusterId"/>, plus <paramref name="extra"/>.</summary>
    public static SiloProcess Create(string name, string connectionString, string clusterId, params string[] extra)
    {
        var http = FreePorts.Next();
        var silo = FreePorts.Next();
        var gateway = FreePorts.Next();
        string[] args =
        [
            Path.Combine(RepositoryPaths.SiloDirectory, "SupplyChain.Silo.dll"),
            "--environment=Development",
            $"--urls=http://127.0.0.1:{http}",
            "--SupplyChain:Cluster:Mode=Durable",
            "--SupplyChain:Cluster:AdvertisedAddress=127.0.0.1",
            $"--SupplyChain:Cluster:SiloPort={silo}",
            $"--SupplyChain:Cluster:GatewayPort={gateway}",
            $"--SupplyChain:Cluster:ClusterId={clusterId}",
            $"--ConnectionStrings:AzureStorage={connectionString}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Orleans=Error",
            "--Logging:LogLevel:Polly=Error",
            // All of a test's clients without a key come from 127.0.0.1, which stands for many customers here.
            "--SupplyChain:RateLimits:AnonymousRequestsPerSecond=100000",
            "--SupplyChain:RateLimits:AnonymousRequestBurst=100000",
            "--Logging:Console:FormatterName=simple",
            "--Logging:Console:FormatterOptions:SingleLine=true",
            "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff ",
            .. extra,
        ];
        return new SiloProcess(name, args) { HttpPort = http, SiloPort = silo };
    }

    /// <summary>Starts a durable silo and waits until it is ready.</summary>
    public static async Task<SiloProcess> StartAsync(string name, string connectionString, string clusterId, params string[] extra)
    {
        var silo = Create(name, connectionString, clusterId, extra);
        await silo.StartAsync();
        return silo;
    }

    /// <summary>Starts the process (again) and waits until <c>/health/ready</c> answers 200.</summary>
    public async Task StartAsync()
    {
        Launch();
        await WaitReadyAsync();
    }

    /// <summary>Starts the process without waiting for it.</summary>
    public void Launch()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.SiloDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in _args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task WaitReadyAsync()
    {
        using var client = Client();
        await Eventually.True(
            async () =>
            {
                if (HasExited)
                {
                    Assert.Fail($"{Name} exited with code {ExitCode}:\n{string.Join('\n', _output.TakeLast(40))}");
                }

                try
                {
                    using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            $"{Name} to be ready", ReadyTimeout);
    }

    /// <summary><c>kill -9</c>: no shutdown, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod: the silo leaves the cluster gracefully.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Waits for the process to end by itself.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>A client for the silo's HTTP API, sending <paramref name="apiKey"/> when given.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        var logs = Environment.GetEnvironmentVariable("SILO_LOGS");
        if (!string.IsNullOrEmpty(logs))
        {
            Directory.CreateDirectory(logs);
            await File.WriteAllLinesAsync(Path.Combine(logs, $"{DateTime.UtcNow:HHmmss}-{Name}-{SiloPort}.log"), _output);
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>A console log line of level warning or above, after the time the silo puts first.</summary>
    [GeneratedRegex(@"^(\S+ )?(warn|fail|crit): ")]
    private static partial Regex Problem();
}
