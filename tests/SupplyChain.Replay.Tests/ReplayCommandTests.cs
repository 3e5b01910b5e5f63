using System.CommandLine;
using SupplyChain.Archive.Reading;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Replay.Cli;
using SupplyChain.Replay.Tests.Infrastructure;

namespace SupplyChain.Replay.Tests;

/// <summary>The command line as an operator runs it: bad options are refused with a message naming them, a good run replays and says what it did.</summary>
public sealed class ReplayCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARangeThatEndsBeforeItStarts_IsRefusedNamingBothEnds()
    {
        var directory = Directory.CreateTempSubdirectory("replay-empty-").FullName;
        try
        {
            var (code, output, error) = await RunAsync(
                "--archive-dir", directory, "--target", "http://127.0.0.1:9/", "--api-key", "k",
                "--from", "2026-12-04T10:00:00Z", "--to", "2026-12-04T09:00:00Z");

            Assert.Equal(ReplayCommand.BadOptions, code);
            Assert.Contains("--to (2026-12-04T09:00:00.0000000+00:00) is before --from (2026-12-04T10:00:00.0000000+00:00)", error, StringComparison.Ordinal);
            Assert.Empty(output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task MissingArchiveKeyAndBadNumbers_AreEachNamed()
    {
        var (code, _, error) = await RunAsync(
            "--target", "http://127.0.0.1:9/", "--from", "2026-12-04T08:00:00Z", "--to", "2026-12-04T09:00:00Z",
            "--batch-size", "5000", "--events-per-second", "0");

        Assert.Equal(ReplayCommand.BadOptions, code);
        Assert.Contains("exactly one of --archive-dir or --blob-connection-string", error, StringComparison.Ordinal);
        Assert.Contains("--batch-size must be from 1 to 1000", error, StringComparison.Ordinal);
        Assert.Contains("--events-per-second must be from 1 to 1000000", error, StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable(ReplayCommand.ApiKeyVariable) is null)
        {
            Assert.Contains("--api-key", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ATimeThatIsNotIso8601_IsAParseError()
    {
        var (code, _, error) = await RunAsync("--archive-dir", ".", "--target", "http://127.0.0.1:9/", "--api-key", "k", "--from", "yesterday", "--to", "2026-12-04T09:00:00Z");

        Assert.NotEqual(ReplayCommand.Done, code);
        Assert.Contains("'yesterday' is not an ISO 8601 time", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARun_ReplaysTheRangeIntoTheTarget_AndReportsTheCount()
    {
        using var source = await RecordedArchive.WriteAsync(ArchiveLayout.HourOf(DateTimeOffset.UtcNow.AddHours(-5)), CloudEvents.NewKey("CLI"));
        await using var target = await ArchivingSilo.StartAsync();
        var progress = Path.Combine(Path.GetTempPath(), "replay-cli-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var (code, output, error) = await RunAsync(
                "--archive-dir", source.Directory, "--target", target.Silo.Address.AbsoluteUri, "--api-key", ArchivingSilo.CarrierKey,
                "--from", source.FirstHour.ToString("O"), "--to", source.LastTime.ToString("O"), "--progress-file", progress, "--events-per-second", "50000");

            Assert.True(code == ReplayCommand.Done, error);
            Assert.Contains($"Replayed {source.Pings.Count} events", output, StringComparison.Ordinal);
            var reader = new ArchiveReader(new DirectoryArchiveStore(target.Directory));
            await Eventually.Until(
                () => reader.ReadAsync(source.FirstHour, source.LastTime, r => r.Direction == ArchiveDirection.Inbound, Ct),
                r => r.Count == source.Pings.Count, "the replayed events in the target's archive");
        }
        finally
        {
            File.Delete(progress);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ReplayCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, Ct);
        return (code, output.ToString(), error.ToString());
    }
}
