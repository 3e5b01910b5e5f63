using Orleans.Hosting;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// Orleans' Kubernetes hosting for a silo that runs in a pod: the silo is named after its pod,
/// the cluster's service and cluster ids come from the pod (<c>ORLEANS_SERVICE_ID</c>,
/// <c>ORLEANS_CLUSTER_ID</c>, which the manifests read from the pod's <c>orleans/*</c> labels), it
/// advertises the pod's IP (<c>POD_IP</c>) unless an address is configured, and the cluster and
/// Kubernetes keep each other honest: a silo whose pod is deleted is declared dead at once, and the
/// pod of a silo the cluster declared dead is deleted so its Deployment replaces it. Outside a pod
/// nothing changes.
/// </summary>
internal static class KubernetesHostingExtensions
{
    /// <summary>
    /// <c>true</c> or <c>false</c> turns Kubernetes hosting on or off; unset (the default), it is on
    /// when the silo sees a pod's environment: <c>KUBERNETES_SERVICE_HOST</c> (set by the kubelet in
    /// every pod) and <c>POD_NAME</c> (set by the manifests from the downward API).
    /// </summary>
    public const string EnabledKey = "SupplyChain:Cluster:Kubernetes";

    /// <summary>The service id Orleans' Kubernetes hosting gives the cluster when set.</summary>
    public const string ServiceIdVariable = "ORLEANS_SERVICE_ID";

    /// <summary>The cluster id Orleans' Kubernetes hosting gives the cluster when set.</summary>
    public const string ClusterIdVariable = "ORLEANS_CLUSTER_ID";

    public static ISiloBuilder UseSupplyChainKubernetesHosting(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return silo;
        }

        RefuseDivergingIds(configuration);
        return silo.UseKubernetesHosting(options => options.Configure(o => o.DeleteDefunctSiloPods = true));
    }

    /// <summary>Whether the silo uses Kubernetes hosting under <paramref name="configuration"/>.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool?>(EnabledKey)
        ?? (!string.IsNullOrEmpty(configuration["KUBERNETES_SERVICE_HOST"]) && !string.IsNullOrEmpty(configuration["POD_NAME"]));

    /// <summary>
    /// Orleans' Kubernetes hosting overrides the cluster's ids with <c>ORLEANS_*</c>, while the silo
    /// names its tables and queues after <c>SupplyChain:Cluster:*</c>. Were they to differ, the silo
    /// would join one cluster and read another's storage: stop at start instead, naming both keys.
    /// The process environment is in <paramref name="configuration"/>, so this sees what Orleans sees.
    /// </summary>
    private static void RefuseDivergingIds(IConfiguration configuration)
    {
        var cluster = configuration.GetSection(SiloClusterOptions.SectionName).Get<SiloClusterOptions>() ?? new();
        List<string> errors = [];
        Check(ServiceIdVariable, "ServiceId", cluster.ServiceId);
        Check(ClusterIdVariable, "ClusterId", cluster.ClusterId);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        void Check(string variable, string property, string configured)
        {
            var fromPod = configuration[variable];
            if (!string.IsNullOrEmpty(fromPod) && !string.Equals(fromPod, configured, StringComparison.Ordinal))
            {
                errors.Add($"{SiloClusterOptions.SectionName}:{property} is '{configured}' but {variable} is '{fromPod}': "
                    + $"set both from the pod's orleans/{char.ToLowerInvariant(property[0])}{property[1..]} label.");
            }
        }
    }
}
