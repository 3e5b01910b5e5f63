using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace SupplyChain.Durable.Tests.Infrastructure;

/// <summary>
/// A real Azurite (Blob, Queue, Table) on free loopback ports with its own fresh data directory:
/// Azurite slows as its data grows, so no test inherits another's. It can be stopped and started
/// again on the same ports and data (a storage outage); dispose kills its process tree and
/// deletes the data.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // Node starts slowly on a loaded CI machine; a healthy Azurite listens within seconds, so only a failing start waits this long.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _location;
    private readonly bool _inMemory;
    private Process? _process;

    private Azurite(bool inMemory)
    {
        _inMemory = inMemory;
        _location = Directory.CreateTempSubdirectory("azurite-").FullName;
        BlobPort = FreePorts.Next();
        QueuePort = FreePorts.Next();
        TablePort = FreePorts.Next();
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The full connection string naming all three endpoints.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";"
        + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;"
        + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;"
        + $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public BlobServiceClient Blobs => new(ConnectionString);

    public TableServiceClient Tables => new(ConnectionString);

    /// <summary>
    /// Starts Azurite; <paramref name="inMemory"/> keeps its data in memory only, for tests that load it
    /// with tens of thousands of blobs (its on-disk store slows as it grows) and never restart it.
    /// </summary>
    public static async Task<Azurite> StartAsync(bool inMemory = false)
    {
        var azurite = new Azurite(inMemory);
        await azurite.RunAsync();
        return azurite;
    }

    /// <summary>Starts Azurite again on the same ports and data after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync() => RunAsync();

    /// <summary>
    /// Stops Azurite with SIGTERM, so it saves its metadata (it autosaves only every 5 s; a
    /// storage account does not lose acknowledged writes in an outage, so neither may the
    /// emulator), kills it if it lingers, and waits until its ports are closed.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        _process = null;
        await Eventually.True(async () => !await FreePorts.IsListening(BlobPort) && !await FreePorts.IsListening(QueuePort) && !await FreePorts.IsListening(TablePort), "Azurite to stop listening");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless; failing the test over it is not.
        }
    }

    private async Task RunAsync()
    {
        if (!File.Exists(RepositoryPaths.Azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed: run `npm ci` in {Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(RepositoryPaths.Azurite)))}.");
        }

        var start = new ProcessStartInfo(RepositoryPaths.Azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(arg);
        }

        // Azurite refuses a data directory with in-memory persistence.
        foreach (var arg in (string[])(_inMemory ? ["--inMemoryPersistence"] : ["--location", _location]))
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.OutputDataReceived += (_, e) => Keep(errors, e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(errors, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.True(
            async () => _process.HasExited
                ? throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}: {string.Join('\n', errors.TakeLast(10))}")
                : await FreePorts.IsListening(BlobPort) && await FreePorts.IsListening(QueuePort) && await FreePorts.IsListening(TablePort),
            "Azurite to listen", StartTimeout);
    }

    /// <summary>Keeps what Azurite prints, so a failed start says why.</summary>
    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
