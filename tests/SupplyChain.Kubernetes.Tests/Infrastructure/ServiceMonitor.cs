using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace SupplyChain.Kubernetes.Tests.Infrastructure;

/// <summary>
/// The Prometheus Operator's ServiceMonitor (monitoring.coreos.com/v1), the fields our monitoring
/// overlay uses; loaded strictly like the built-in kinds, so a misspelt field fails the render test.
/// </summary>
public sealed class ServiceMonitor : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiGroupVersion = "monitoring.coreos.com/v1";

    [YamlMember(Alias = "apiVersion")]
    public string ApiVersion { get; set; } = ApiGroupVersion;

    [YamlMember(Alias = "kind")]
    public string Kind { get; set; } = nameof(ServiceMonitor);

    [YamlMember(Alias = "metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [YamlMember(Alias = "spec")]
    public ServiceMonitorSpec Spec { get; set; } = new();
}

public sealed class ServiceMonitorSpec
{
    [YamlMember(Alias = "selector")]
    public V1LabelSelector Selector { get; set; } = new();

    [YamlMember(Alias = "endpoints")]
    public List<ServiceMonitorEndpoint> Endpoints { get; set; } = [];
}

public sealed class ServiceMonitorEndpoint
{
    [YamlMember(Alias = "port")]
    public string? Port { get; set; }

    [YamlMember(Alias = "path")]
    public string? Path { get; set; }

    [YamlMember(Alias = "interval")]
    public string? Interval { get; set; }

    [YamlMember(Alias = "authorization")]
    public ServiceMonitorAuthorization? Authorization { get; set; }
}

public sealed class ServiceMonitorAuthorization
{
    [YamlMember(Alias = "type")]
    public string? Type { get; set; }

    [YamlMember(Alias = "credentials")]
    public V1SecretKeySelector? Credentials { get; set; }
}
