using System.Net;
using System.Text.RegularExpressions;
using k8s.Models;

namespace SupplyChain.Pods;

/// <summary>
/// The silo container's environment as the kubelet builds it from the render (<c>envFrom</c>
/// ConfigMaps and Secrets, then <c>env</c> in order with <c>$(VAR)</c> expansion, Secret and
/// ConfigMap keys, the downward API), then the three translations a pod on loopback needs, and
/// nothing else:
/// <list type="bullet">
/// <item>a pod has its own network namespace and listens on all of its interfaces; here its own
/// loopback address stands for it, so <c>ASPNETCORE_HTTP_PORTS</c> becomes
/// <c>ASPNETCORE_URLS=http://POD_IP:port</c> (Orleans already binds to the advertised <c>POD_IP</c>);</item>
/// <item>cluster DNS: a Service name in a value (<c>http://azurite:10000</c>, also with
/// <c>.namespace.svc.cluster.local</c>) becomes the loopback address the Service's process listens
/// on, with the Service's own ports;</item>
/// <item>Orleans' Kubernetes hosting needs an API server, which is not here: it is turned off
/// explicitly (<c>SupplyChain__Cluster__Kubernetes=false</c>), and no <c>KUBERNETES_*</c> variable
/// reaches the process (see <see cref="PodProcess"/>).</item>
/// </list>
/// </summary>
internal static partial class PodEnvironment
{
    /// <summary>The variable that forces the silo's Kubernetes hosting on or off.</summary>
    public const string KubernetesHostingVariable = "SupplyChain__Cluster__Kubernetes";

    /// <summary>Variable name to value for the pod <paramref name="podName"/> at <paramref name="podIp"/>.</summary>
    /// <param name="services">Service name to the loopback address its local process listens on.</param>
    public static Dictionary<string, string> Of(LocalOverlay overlay, string podName, IPAddress podIp, IReadOnlyDictionary<string, IPAddress> services)
    {
        var deployment = overlay.SiloDeployment;
        var container = overlay.Silo;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } mapRef)
            {
                var map = overlay.Find<V1ConfigMap>(mapRef.Name);
                if (map is null && mapRef.Optional != true)
                {
                    throw new InvalidOperationException($"envFrom names ConfigMap {mapRef.Name}, which the render lacks.");
                }

                foreach (var (key, value) in map?.Data ?? new Dictionary<string, string>())
                {
                    env[source.Prefix + key] = value;
                }
            }

            if (source.SecretRef is { } secretRef)
            {
                var secret = overlay.Find<V1Secret>(secretRef.Name);
                if (secret is null && secretRef.Optional != true)
                {
                    throw new InvalidOperationException($"envFrom names Secret {secretRef.Name}, which the render lacks.");
                }

                foreach (var (key, value) in secret is null ? [] : LocalOverlay.SecretData(secret))
                {
                    env[source.Prefix + key] = value;
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            env[variable.Name] = Expand(ValueOf(overlay, deployment, podName, podIp, variable), env);
        }

        var ns = deployment.Metadata.NamespaceProperty ?? "default";
        foreach (var name in env.Keys.ToList())
        {
            env[name] = ServiceHost().Replace(env[name], m =>
                services.TryGetValue(m.Groups["service"].Value, out var address)
                && (m.Groups["ns"].Value.Length == 0 || m.Groups["ns"].Value == ns)
                    ? $"://{address}:"
                    : m.Value);
        }

        if (env.Remove("ASPNETCORE_HTTP_PORTS", out var ports))
        {
            env["ASPNETCORE_URLS"] = string.Join(';', ports.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://{podIp}:{p.Trim()}"));
        }

        env[KubernetesHostingVariable] = "false";
        return env;
    }

    /// <summary>The container's port named <paramref name="name"/> (<c>http</c>, <c>silo</c>, <c>gateway</c>).</summary>
    public static int Port(LocalOverlay overlay, string name) =>
        overlay.Silo.Ports.Single(p => p.Name == name).ContainerPort;

    private static string ValueOf(LocalOverlay overlay, V1Deployment deployment, string podName, IPAddress podIp, V1EnvVar variable)
    {
        if (variable.ValueFrom is null)
        {
            return variable.Value ?? string.Empty;
        }

        if (variable.ValueFrom.FieldRef is { } field)
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            return field.FieldPath switch
            {
                "metadata.name" => podName,
                "metadata.namespace" => deployment.Metadata.NamespaceProperty ?? "default",
                "status.podIP" => podIp.ToString(),
                var path when LabelPath().Match(path) is { Success: true } m => labels.TryGetValue(m.Groups[1].Value, out var label)
                    ? label
                    : throw new InvalidOperationException($"{variable.Name} reads label {m.Groups[1].Value}, which the pod template lacks."),
                var path => throw new InvalidOperationException($"{variable.Name} reads field {path}, which pods on loopback do not model."),
            };
        }

        if (variable.ValueFrom.SecretKeyRef is { } secretKey)
        {
            var secret = overlay.Named<V1Secret>(secretKey.Name);
            return LocalOverlay.SecretData(secret).TryGetValue(secretKey.Key, out var value)
                ? value
                : throw new InvalidOperationException($"{variable.Name} reads key {secretKey.Key} of Secret {secretKey.Name}, which has no such key.");
        }

        if (variable.ValueFrom.ConfigMapKeyRef is { } mapKey)
        {
            var map = overlay.Named<V1ConfigMap>(mapKey.Name);
            return map.Data?.TryGetValue(mapKey.Key, out var value) == true
                ? value
                : throw new InvalidOperationException($"{variable.Name} reads key {mapKey.Key} of ConfigMap {mapKey.Name}, which has no such key.");
        }

        throw new InvalidOperationException($"{variable.Name} has a valueFrom pods on loopback do not model.");
    }

    /// <summary>Kubernetes expands <c>$(NAME)</c> with variables defined earlier in the list.</summary>
    private static string Expand(string value, Dictionary<string, string> env) =>
        Reference().Replace(value, m => env.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"^metadata\.labels\['([^']+)'\]$")]
    private static partial Regex LabelPath();

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();

    /// <summary>A host in a URL that is a Service's DNS name: <c>name</c> or <c>name.namespace[.svc[.cluster.local]]</c>.</summary>
    [GeneratedRegex(@"://(?<service>[a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.(?<ns>[a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.svc(\.cluster\.local)?)?)?:")]
    private static partial Regex ServiceHost();
}
