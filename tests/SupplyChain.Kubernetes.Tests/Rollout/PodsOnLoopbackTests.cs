using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using SupplyChain.Contracts.Streams;
using SupplyChain.Pods;

namespace SupplyChain.Kubernetes.Tests.Rollout;

/// <summary>
/// The local overlay's pods run on loopback by tools/SupplyChain.Pods (Azurite and the silo
/// processes with the rendered container environment): a pod's shutdown on SIGTERM, and a rolling
/// upgrade under load. One class, so its clusters run one after the other on a small machine.
/// </summary>
public sealed class PodsOnLoopbackTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Sigterm_ReadinessFailsFirst_InFlightRequestCompletes_ProcessExits()
    {
        await using var cluster = await LoopbackPods.StartAsync(replicas: 1);
        var pod = cluster.Pods[0];
        Assert.Equal("false", pod.Environment[PodEnvironment.KubernetesHostingVariable]);
        Assert.DoesNotContain(pod.Environment.Keys, k => k.StartsWith("KUBERNETES_", StringComparison.Ordinal));
        using var client = LoopbackPods.Client(pod, LoopbackPods.CarrierKeyVariable);
        using var probe = new HttpClient { BaseAddress = pod.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };

        // A request in flight: its body half sent when SIGTERM arrives, the rest once the pod reports not ready.
        var tn = CloudEvents.NewKey("KG");
        var body = Events.Batch([CloudEvents.Scan(tn, "PickedUp", CloudEvents.T0)]);
        var rest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var halfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posting = client.PostAsync("/api/events", Events.WithType(new SlowContent(body, halfSent, rest.Task)), TestContext.Current.CancellationToken);
        await halfSent.Task.WaitAsync(Generous, TestContext.Current.CancellationToken);

        var exit = cluster.TerminateAsync(0);
        var notReady = Stopwatch.StartNew();
        await Eventually.Until(() => StatusAsync(probe, "/health/ready"), s => s == HttpStatusCode.ServiceUnavailable, "/health/ready to answer 503 after SIGTERM", Generous);
        var readyFailedAfter = notReady.Elapsed;
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(probe, "/health/live"));
        Assert.False(exit.IsCompleted, "the pod exited before its in-flight request completed");

        rest.SetResult();
        using var response = await posting;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (drain, exitCode) = await exit;
        Assert.Equal(0, exitCode);
        TestContext.Current.TestOutputHelper!.WriteLine(
            $"good pod: /health/ready 503 {readyFailedAfter.TotalSeconds:F2} s after SIGTERM while /health/live 200; in-flight request answered 202; exit code 0 {drain.TotalSeconds:F1} s after SIGTERM");
    }

    [Fact]
    public async Task RollingUpgradeUnderLoad_NoAcknowledgedScanLost_OnlyServiceUnavailable_QueuesTakenOver()
    {
        await using var cluster = await LoopbackPods.StartAsync();
        Assert.Equal(3, cluster.Pods.Count);
        await using var router = new ReadinessRouter(cluster.Pods);
        var load = new ScanLoad(router);
        using var stop = new CancellationTokenSource();
        Task[] workers = [load.RunAsync("A", stop.Token), load.RunAsync("B", stop.Token)];
        var partitions = int.Parse(cluster.Pods[0].Environment["SupplyChain__Streams__Partitions"], System.Globalization.CultureInfo.InvariantCulture);
        var queues = cluster.Pods[0].Environment["SupplyChain__Streams__Queues"];
        using var admin = LoopbackPods.Client(cluster.Pods[0], LoopbackPods.AdminKeyVariable);

        // Some load acknowledged before the first pod goes, as in a rollout of a busy Deployment.
        await Eventually.Until(() => Task.FromResult(load.AcceptedScanCount), n => n >= 20, "the load to be flowing", Generous);
        var figures = new List<string>();
        foreach (var pod in cluster.Pods)
        {
            // maxUnavailable 1: SIGTERM, wait for the exit, then the replacement pod.
            var terminated = Stopwatch.StartNew();
            var (drain, exitCode) = await cluster.TerminateAsync(pod.Ordinal);
            Assert.Equal(0, exitCode);

            // With this pod gone its queues belong to the other two: a fresh scan on every
            // partition, sent to them, must be applied.
            var probes = Probes(partitions);
            await router.PostUntilAcceptedAsync([.. probes.Select(tn => CloudEvents.Scan(tn, "PickedUp", CloudEvents.T0))], Generous);
            using var reader = LoopbackPods.Client(cluster.Pods[(pod.Ordinal + 1) % cluster.Pods.Count], LoopbackPods.AdminKeyVariable);
            await Eventually.Until(() => AllAppliedAsync(reader, probes), ok => ok, $"every partition applied by the others after pod {pod.Ordinal} left", Generous);
            var takeover = terminated.Elapsed;

            await cluster.StartAsync(pod.Ordinal, TestContext.Current.CancellationToken);
            figures.Add($"pod {pod.Ordinal}: drain (SIGTERM to exit) {drain.TotalSeconds:F1} s, its queues taken over (every partition applied) {(takeover - drain).TotalSeconds:F1} s after exit, "
                + $"{takeover.TotalSeconds:F1} s after SIGTERM; replacement ready {(terminated.Elapsed - takeover).TotalSeconds:F1} s later");
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // Every shipment delivered, every acknowledged scan among its milestones.
        var lost = 0;
        var shipments = load.AcceptedScans();
        foreach (var (tn, scans) in shipments)
        {
            var view = await Eventually.Until(
                () => CloudEvents.GetJson(admin, $"/api/shipments/{tn}"),
                v => v is { } s && s.GetProperty("status").GetString() == "Delivered" && s.GetProperty("milestones").GetArrayLength() >= scans.Count,
                $"{tn} delivered with all its scans", Generous);
            var milestones = view!.Value.GetProperty("milestones").EnumerateArray()
                .Select(m => (m.GetProperty("scanType").GetString(), m.GetProperty("at").GetDateTimeOffset())).ToHashSet();
            lost += scans.Count(s => !milestones.Contains((s.ScanType, s.At)));
        }

        var answers = string.Join(", ", router.Answers.OrderBy(a => a.Key).Select(a => $"{(a.Key == 0 ? "no answer" : a.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {a.Value}"));
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"rolling upgrade, 3 pods, {queues} queues, {partitions} partitions:");
        figures.ForEach(output.WriteLine);
        output.WriteLine($"events sent {load.Sent} (retries included), accepted {load.AcceptedEvents} ({load.AcceptedScanCount} scans in {shipments.Count} shipments), lost {lost}; answers {answers}");
        Assert.Equal(0, lost);
        Assert.DoesNotContain(router.Answers.Keys, status => status >= 500 && status != (int)HttpStatusCode.ServiceUnavailable);
        Assert.Equal(shipments.Count * Events.Steps.Length, load.AcceptedScanCount);
    }

    /// <summary>One new tracking number per partition stream, so a scan on each shows every partition flowing.</summary>
    private static List<string> Probes(int partitions)
    {
        var byPartition = new Dictionary<int, string>();
        while (byPartition.Count < partitions)
        {
            var key = CloudEvents.NewKey("KP");
            byPartition.TryAdd(StreamPartitioner.PartitionOf(key, partitions), key);
        }

        return [.. byPartition.Values];
    }

    private static async Task<bool> AllAppliedAsync(HttpClient client, List<string> probes)
    {
        foreach (var tn in probes)
        {
            try
            {
                if (await CloudEvents.GetJson(client, $"/api/shipments/{tn}") is null)
                {
                    return false;
                }
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<HttpStatusCode?> StatusAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>A body sent in two halves: the second only once <paramref name="rest"/> completes, so the request stays in flight.</summary>
    private sealed class SlowContent(byte[] body, TaskCompletionSource halfSent, Task rest) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = body.Length / 2;
            await stream.WriteAsync(body.AsMemory(0, half));
            await stream.FlushAsync();
            halfSent.TrySetResult();
            await rest;
            await stream.WriteAsync(body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
