using System.Diagnostics;
using System.Text;
using SupplyChain.Fuzz.Cases;

namespace SupplyChain.Fuzz.Running;

/// <summary>
/// Sends a run's cases to a silo, <see cref="FuzzSettings.Concurrency"/> at a time, then checks
/// what the run requires: no answer of 500 or more, none slower than
/// <see cref="FuzzSettings.MaxDuration"/>, every accepted valid event applied, the silo ready at the
/// end. Deletes the geofences and subscriptions its cases created. One run per instance.
/// </summary>
internal sealed class FuzzRunner : IDisposable
{
    private const int AnswerKept = 2048;

    private readonly FuzzSettings _settings;
    private readonly HttpClient _client;
    private readonly KnownSubjects _known;
    private readonly CaseGenerator _generator;

    public FuzzRunner(FuzzSettings settings)
    {
        _settings = settings;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            // Header values are byte strings: Latin-1 puts each character on the wire as one byte, odd ones included.
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
            MaxConnectionsPerServer = settings.Concurrency + 4,
        })
        {
            BaseAddress = settings.BaseAddress,
            Timeout = settings.MaxDuration,
        };
        var runTag = KnownSubjects.NewRunTag();
        _known = new KnownSubjects(runTag, TimeProvider.System);
        _generator = new CaseGenerator(settings.Seed, runTag, _known, settings.Keys);
    }

    /// <summary>What the run has seen so far, for a progress line.</summary>
    public RunTally Tally { get; } = new();

    /// <summary>Case <paramref name="index"/> of this run's seed.</summary>
    public FuzzCase Case(long index) => _generator.Generate(index);

    public async Task<FuzzReport> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var indexes = LongRange(_settings.FirstCase, _settings.Count);
        await Parallel.ForEachAsync(
            indexes,
            new ParallelOptions { MaxDegreeOfParallelism = _settings.Concurrency, CancellationToken = cancellationToken },
            async (index, token) => Tally.Add(await SendAsync(_generator.Generate(index), token)));
        var elapsed = clock.Elapsed;

        var (scans, pings) = Tally.Accepted();
        try
        {
            var missing = await new AppliedCheck(_client, _settings.Keys.Admin, _known).MissingAsync(scans, pings, _settings.AppliedWithin, cancellationToken);
            foreach (var line in missing)
            {
                Tally.AddFailure(new FuzzFailure("accepted event not applied", line));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Tally.AddFailure(new FuzzFailure("accepted event not applied", $"the check could not read the silo: {ex.Message}"));
        }

        await CleanUpAsync(cancellationToken);
        await CheckReadyAsync(cancellationToken);
        return new FuzzReport(_settings, _settings.Count, elapsed, Tally.Statuses(), Tally.Slowest, scans.Count, pings.Count, Tally.DroppedConnections, Tally.Failures());
    }

    /// <summary>
    /// Sends one case and waits for its answer (only the headers, for a live feed). A connection
    /// that breaks before any answer is tried once more on another: HTTP lets a server close a
    /// kept-alive connection at any time, and a client retries then (a case's events are safe to
    /// send twice). Only a second break counts as no answer.
    /// </summary>
    public async Task<CaseOutcome> SendAsync(FuzzCase c, CancellationToken cancellationToken)
    {
        var outcome = await SendOnceAsync(c, cancellationToken);
        if (outcome.Status is null && !outcome.TimedOut)
        {
            Tally.ConnectionDropped();
            outcome = await SendOnceAsync(c, cancellationToken);
        }

        return outcome;
    }

    private async Task<CaseOutcome> SendOnceAsync(FuzzCase c, CancellationToken cancellationToken)
    {
        using var request = Request(c);
        var clock = Stopwatch.StartNew();
        try
        {
            var completion = c.HeadersOnly ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
            using var response = await _client.SendAsync(request, completion, cancellationToken);
            var status = (int)response.StatusCode;
            var answer = c.HeadersOnly ? $"{response.Content.Headers.ContentType}" : Kept(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            return new CaseOutcome(c, status, clock.Elapsed, null, answer);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CaseOutcome(c, null, clock.Elapsed, $"no answer within {_settings.MaxDuration.TotalSeconds:0} s", "") { TimedOut = true };
        }
        catch (HttpRequestException ex)
        {
            return new CaseOutcome(c, null, clock.Elapsed, $"{ex.Message} {ex.InnerException?.Message}".Trim(), "");
        }
    }

    private HttpRequestMessage Request(FuzzCase c)
    {
        // The path goes on the wire as the case wrote it: no unescaping, no dot-segment removal.
        var uri = new Uri(_settings.BaseAddress.GetLeftPart(UriPartial.Authority) + c.PathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var request = new HttpRequestMessage(c.Method, uri);
        if (c.Body is { } body)
        {
            request.Content = c.StallAfterFirstBytes is { } stall ? new StallingContent(body, stall) : new ByteArrayContent(body);
        }

        foreach (var (name, value) in c.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        foreach (var path in Tally.Created())
        {
            var outcome = await SendAsync(
                new FuzzCase(-1, "clean-up", "delete what the run created", HttpMethod.Delete, path) { Headers = [Credentials.Header("X-Api-Key", _settings.Keys.Admin)] },
                cancellationToken);
            if (outcome.Status is not (204 or 404))
            {
                Tally.AddFailure(new FuzzFailure("clean-up", $"DELETE {path} answered {outcome.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? outcome.Error}", outcome));
            }
        }
    }

    private async Task CheckReadyAsync(CancellationToken cancellationToken)
    {
        // A silo busy with the run's last events may answer a moment later; it must be ready within the request limit.
        var deadline = DateTime.UtcNow + _settings.MaxDuration;
        CaseOutcome outcome;
        do
        {
            outcome = await SendAsync(new FuzzCase(-1, "health", "ready afterwards", HttpMethod.Get, "/health/ready"), cancellationToken);
            if (outcome.Status == 200)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        Tally.AddFailure(new FuzzFailure("ready afterwards", $"GET /health/ready answered {outcome.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? outcome.Error}: {outcome.Answer}"));
    }

    private static string Kept(byte[] answer) => Encoding.UTF8.GetString(answer, 0, Math.Min(answer.Length, AnswerKept));

    private static IEnumerable<long> LongRange(long first, long count)
    {
        for (var i = first; i < first + count; i++)
        {
            yield return i;
        }
    }

    public void Dispose() => _client.Dispose();
}
