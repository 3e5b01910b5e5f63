using System.CommandLine;
using System.Globalization;
using Azure.Storage.Blobs;
using Spectre.Console;
using SupplyChain.Archive.Hosting;
using SupplyChain.Archive.Storage;
using SupplyChain.Replay.Posting;
using SupplyChain.Replay.Reading;
using SupplyChain.Replay.Replaying;

namespace SupplyChain.Replay.Cli;

/// <summary>The command line: options, their checks, and a run with a progress bar (plain lines when the output is redirected).</summary>
internal static class ReplayCommand
{
    /// <summary>Exit code of a finished (or already finished) replay.</summary>
    public const int Done = 0;

    /// <summary>Exit code when the target refused a batch or the archive could not be read.</summary>
    public const int Failed = 1;

    /// <summary>Exit code for unusable options.</summary>
    public const int BadOptions = 2;

    /// <summary>Exit code after an interruption (Ctrl+C): the progress file holds the position.</summary>
    public const int Interrupted = 130;

    /// <summary>The environment variable read when <c>--blob-connection-string</c> is absent, so the secret stays out of the process list.</summary>
    public const string ConnectionStringVariable = "SUPPLYCHAIN_ARCHIVE_STORAGE";

    /// <summary>The environment variable read when <c>--api-key</c> is absent.</summary>
    public const string ApiKeyVariable = "SUPPLYCHAIN_API_KEY";

    public static RootCommand Create()
    {
        var archiveDirectory = new Option<string?>("--archive-dir") { Description = "The archive as a local directory (Embedded mode's SupplyChain:Archive:Directory)" };
        var connectionString = new Option<string?>("--blob-connection-string")
        {
            Description = $"The archive in Azure Blob storage: the account's connection string (or set {ConnectionStringVariable})",
        };
        var container = new Option<string>("--container") { Description = "The archive's blob container", DefaultValueFactory = _ => ArchiveOptions.DefaultContainer };
        var from = new Option<DateTimeOffset>("--from") { Description = "First event time replayed, ISO 8601 (UTC unless an offset is given)", Required = true, CustomParser = Time };
        var to = new Option<DateTimeOffset>("--to") { Description = "Last event time replayed, ISO 8601, not before --from", Required = true, CustomParser = Time };
        var target = new Option<Uri>("--target")
        {
            Description = "The cluster's base address; events go to its POST /api/events",
            Required = true,
            CustomParser = result => Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : Fail<Uri>(result, $"--target '{result.Tokens[0].Value}' is not an http or https address."),
        };
        var apiKey = new Option<string?>("--api-key") { Description = $"A carrier or admin key of the target whose sources cover the archived events (or set {ApiKeyVariable})" };
        var rate = new Option<double>("--events-per-second") { Description = "Most events posted per second", DefaultValueFactory = _ => ReplaySettings.DefaultEventsPerSecond };
        var batchSize = new Option<int>("--batch-size") { Description = "Events per request (at most 1000)", DefaultValueFactory = _ => ReplaySettings.DefaultBatchSize };
        var progressFile = new Option<string>("--progress-file") { Description = "Where the position is kept; a second run of the same range continues from it", DefaultValueFactory = _ => "replay-progress.json" };
        var maxAttempts = new Option<int>("--max-attempts") { Description = "Attempts per batch before giving up (429/503/5xx/no answer are tried again)", DefaultValueFactory = _ => ReplaySettings.DefaultMaxAttempts };

        var root = new RootCommand("Replays a range of the SupplyChain archive's inbound events into a cluster (backfill, or a day replayed exactly)")
        {
            archiveDirectory, connectionString, container, from, to, target, apiKey, rate, batchSize, progressFile, maxAttempts,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var settings = new ReplaySettings(parse.GetValue(from), parse.GetValue(to), parse.GetValue(rate), parse.GetValue(batchSize), parse.GetValue(progressFile)!, parse.GetValue(maxAttempts));
            var problems = settings.Problems().ToList();
            var directory = parse.GetValue(archiveDirectory);
            var blobs = parse.GetValue(connectionString) ?? Environment.GetEnvironmentVariable(ConnectionStringVariable);
            if (string.IsNullOrWhiteSpace(directory) == string.IsNullOrWhiteSpace(blobs))
            {
                problems.Add($"Name the archive with exactly one of --archive-dir or --blob-connection-string (or {ConnectionStringVariable}).");
            }
            else if (directory is not null && !Directory.Exists(directory))
            {
                problems.Add($"--archive-dir '{directory}' does not exist.");
            }

            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
            if (string.IsNullOrWhiteSpace(key))
            {
                problems.Add($"--api-key (or {ApiKeyVariable}) is required: the target accepts events only with a key.");
            }

            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync(problem);
                }

                return BadOptions;
            }

            IArchiveStore store = directory is not null
                ? new DirectoryArchiveStore(directory)
                : new BlobArchiveStore(new BlobContainerClient(blobs, parse.GetValue(container)));
            var address = parse.GetValue(target)!;
            using var client = new HttpClient { BaseAddress = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/"), Timeout = TimeSpan.FromSeconds(100) };
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            var replayer = new Replayer(new InboundHours(store), new EventPoster(client, settings.MaxAttempts, TimeProvider.System), new BindingBarrier(client, TimeProvider.System), client.BaseAddress.AbsoluteUri, settings, TimeProvider.System);
            return await RunAsync(replayer, settings, output, error, cancellationToken);
        });
        return root;
    }

    private static async Task<int> RunAsync(Replayer replayer, ReplaySettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = Console.IsOutputRedirected || output != Console.Out
                ? await replayer.RunAsync(new LineProgress(output), cancellationToken)
                : await WithBarAsync(replayer, cancellationToken);
            await output.WriteLineAsync(outcome.AlreadyComplete
                ? $"Nothing to do: {settings.ProgressFile} says this range was replayed ({outcome.Skipped} events). Delete it to replay again."
                : string.Create(CultureInfo.InvariantCulture, $"Replayed {outcome.Posted} events in {outcome.Batches} requests in {outcome.Elapsed.TotalSeconds:F1} s ({outcome.Posted / Math.Max(outcome.Elapsed.TotalSeconds, 0.001):F0}/s); {outcome.Skipped} posted by an earlier run; {outcome.Throttled} throttled answers waited out, {outcome.Retried} retries, {outcome.Unsettled} waits around load and unload scans given up after {BindingBarrier.Patience.TotalSeconds:F0} s."));
            return Done;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"Interrupted. {settings.ProgressFile} holds the position: run the same command again to continue.");
            return Interrupted;
        }
        catch (Exception ex) when (ex is ReplayRejectedException or InvalidOperationException or InvalidDataException or NotSupportedException or Azure.RequestFailedException or IOException)
        {
            await error.WriteLineAsync(ex.Message);
            return Failed;
        }
    }

    private static Task<ReplayOutcome> WithBarAsync(Replayer replayer, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("Replaying");
                return await replayer.RunAsync(new BarProgress(bar), cancellationToken);
            });

    private static DateTimeOffset Time(System.CommandLine.Parsing.ArgumentResult result) =>
        DateTimeOffset.TryParse(result.Tokens[0].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : Fail<DateTimeOffset>(result, $"'{result.Tokens[0].Value}' is not an ISO 8601 time (e.g. 2026-12-04T06:00:00Z).");

    private static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    /// <summary>The bar: hours of the range done, the posted count in its label.</summary>
    private sealed class BarProgress(ProgressTask bar) : IProgress<ReplayStatus>
    {
        public void Report(ReplayStatus value)
        {
            bar.MaxValue = value.Hours;
            bar.Value = value.HoursDone;
            bar.Description = string.Create(CultureInfo.InvariantCulture, $"{value.Hour:yyyy-MM-dd HH}h  {value.Posted} posted, {value.Skipped} resumed past, {value.Throttled} throttled");
        }
    }

    /// <summary>Without a terminal: a line at each hour's start and end.</summary>
    private sealed class LineProgress(TextWriter output) : IProgress<ReplayStatus>
    {
        private (DateTimeOffset Hour, bool Done)? _last;

        public void Report(ReplayStatus value)
        {
            var at = (value.Hour, value.HoursDone >= value.Hours);
            if (_last == at)
            {
                return;
            }

            _last = at;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Hour:yyyy-MM-dd HH}h: {value.HoursDone:F1}/{value.Hours} hours, {value.Posted} posted, {value.Skipped} resumed past, {value.Throttled} throttled"));
        }
    }
}
