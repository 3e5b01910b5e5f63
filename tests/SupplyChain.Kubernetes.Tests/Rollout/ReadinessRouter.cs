using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using SupplyChain.Pods;

namespace SupplyChain.Kubernetes.Tests.Rollout;

/// <summary>
/// What a Service does for the load: sends each request to a pod whose <c>/health/ready</c>
/// answered 200 at its last probe (probed every <see cref="ProbePeriod"/>), round robin, and on
/// any answer but 202 tries the next ready pod. Tallies every answer by status code (0: no answer).
/// </summary>
internal sealed class ReadinessRouter : IAsyncDisposable
{
    private static readonly TimeSpan ProbePeriod = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);
    private readonly IReadOnlyList<PodProcess> _pods;
    private readonly HttpClient[] _clients;
    private readonly bool[] _ready;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _probing;
    private int _next;

    public ReadinessRouter(IReadOnlyList<PodProcess> pods)
    {
        _pods = pods;
        _clients = [.. pods.Select(p => LoopbackPods.Client(p, LoopbackPods.CarrierKeyVariable))];
        _ready = new bool[pods.Count];
        _probing = ProbeAsync();
    }

    /// <summary>Answers by status code, 0 for none (connection refused or reset).</summary>
    public ConcurrentDictionary<int, int> Answers { get; } = new();

    /// <summary>Posts <paramref name="events"/> until a ready pod acknowledges them with 202; returns the attempts; fails after <paramref name="deadline"/>.</summary>
    public async Task<int> PostUntilAcceptedAsync(JsonNode[] events, TimeSpan deadline)
    {
        var body = Events.Batch(events);
        var until = DateTime.UtcNow + deadline;
        var attempts = 0;
        while (true)
        {
            var pod = NextReady();
            if (pod >= 0)
            {
                attempts++;
                var status = await TryPostAsync(_clients[pod], body);
                Answers.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status == (int)HttpStatusCode.Accepted)
                {
                    return attempts;
                }
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"No pod acknowledged a request within {deadline}.");
            }

            await Task.Delay(RetryPause, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _probing;
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _stop.Dispose();
    }

    private int NextReady()
    {
        for (var i = 0; i < _pods.Count; i++)
        {
            var pod = (int)((uint)Interlocked.Increment(ref _next) % _pods.Count);
            if (Volatile.Read(ref _ready[pod]))
            {
                return pod;
            }
        }

        return -1;
    }

    private static async Task<int> TryPostAsync(HttpClient client, byte[] body)
    {
        try
        {
            using var response = await client.PostAsync("/api/events", Events.Content(body), TestContext.Current.CancellationToken);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    private async Task ProbeAsync()
    {
        using var timer = new PeriodicTimer(ProbePeriod);
        try
        {
            do
            {
                await Task.WhenAll(_pods.Select(async (_, i) => Volatile.Write(ref _ready[i], await IsReadyAsync(_clients[i]))));
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private async Task<bool> IsReadyAsync(HttpClient client)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await client.GetAsync("/health/ready", timeout.Token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
        {
            return false;
        }
    }
}
