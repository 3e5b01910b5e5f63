using System.Text.Json;
using k8s.Models;
using SupplyChain.Kubernetes.Tests.Infrastructure;

namespace SupplyChain.Kubernetes.Tests.Manifests;

/// <summary>The optional monitoring overlay: Prometheus scrapes the silo's /metrics, Grafana gets the dashboard.</summary>
public sealed class MonitoringTests
{
    private const string Overlay = "k8s/overlays/monitoring";

    [Fact]
    public async Task ServiceMonitor_SelectsTheSiloService_OnItsHttpPort_WithABearerSecret()
    {
        var manifests = await Kustomize.RenderAsync(Overlay);
        var monitor = Assert.Single(manifests.OfKind<ServiceMonitor>());
        var service = manifests.Named<V1Service>(RenderedManifests.SiloName);

        Assert.All(monitor.Spec.Selector.MatchLabels, pair => Assert.Equal(pair.Value, service.Metadata.Labels[pair.Key]));
        var endpoint = Assert.Single(monitor.Spec.Endpoints);
        Assert.Contains(service.Spec.Ports, p => p.Name == endpoint.Port);
        Assert.Equal("/metrics", endpoint.Path);
        Assert.Equal("Bearer", endpoint.Authorization?.Type);
        Assert.False(string.IsNullOrEmpty(endpoint.Authorization?.Credentials?.Name));
        Assert.DoesNotContain(manifests.OfKind<V1Secret>(), s => s.Metadata.Name == endpoint.Authorization!.Credentials!.Name);
    }

    [Fact]
    public async Task GrafanaDashboard_IsValidJson_AndQueriesOnlyMetricsTheSiloExports()
    {
        var manifests = await Kustomize.RenderAsync(Overlay);
        var map = manifests.OfKind<V1ConfigMap>().Single(c => c.Metadata.Labels?.ContainsKey("grafana_dashboard") == true);
        using var dashboard = JsonDocument.Parse(Assert.Single(map.Data).Value);

        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.True(expressions.Count >= 10, "the panels ops need first");
        string[] ours = ["supplychain_events_accepted_total", "supplychain_events_rejected_total", "supplychain_alerts_raised_total",
            "supplychain_pings_ignored_total", "supplychain_deadletters_total", "orleans_catalog_activations",
            "http_server_request_duration_seconds_bucket", "orleans_streams_queue_cache_oldest_age"];
        Assert.All(ours, metric => Assert.Contains(expressions, e => e.Contains(metric, StringComparison.Ordinal)));
    }
}
