using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;

namespace SupplyChain.Kubernetes.Tests.Infrastructure;

/// <summary>
/// The silo container's environment as the kubelet would build it from a render: ConfigMaps and
/// Secrets named by <c>envFrom</c> and <c>valueFrom</c>, downward-API fields from the pod template.
/// Secrets the render does not hold (the operator's, in production) get <see cref="OperatorSecretValues"/>.
/// </summary>
public static partial class SiloEnvironment
{
    /// <summary>Stand-ins for the values of Secrets an operator creates: well-formed, never real.</summary>
    public static readonly IReadOnlyDictionary<string, string> OperatorSecretValues = new Dictionary<string, string>
    {
        ["ConnectionStrings__AzureStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;",
        ["ConnectionStrings__EventHubs"] = "Endpoint=sb://placeholder.servicebus.windows.net/;SharedAccessKeyName=placeholder;SharedAccessKey=cGxhY2Vob2xkZXI=",
    };

    /// <summary>The address a pod would have; any address works for reading configuration.</summary>
    public const string PodIp = "10.244.0.17";

    /// <summary>Variable name to value, in the order the kubelet applies them (later wins).</summary>
    public static Dictionary<string, string> Of(RenderedManifests manifests)
    {
        var pod = manifests.SiloDeployment.Spec.Template;
        var container = manifests.Silo;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } mapRef)
            {
                var map = manifests.Find<V1ConfigMap>(mapRef.Name);
                Assert.True(map is not null || mapRef.Optional == true, $"{manifests.Kustomization}: envFrom names ConfigMap {mapRef.Name}, which the render lacks.");
                foreach (var (key, value) in map?.Data ?? new Dictionary<string, string>())
                {
                    env[source.Prefix + key] = value;
                }
            }

            if (source.SecretRef is { } secretRef)
            {
                // An optional Secret absent from the render is the operator's; its keys are unknown here.
                foreach (var (key, value) in SecretData(manifests.Find<V1Secret>(secretRef.Name)))
                {
                    env[source.Prefix + key] = value;
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            env[variable.Name] = Expand(ValueOf(manifests, pod, variable), env);
        }

        return env;
    }

    /// <summary>The variables whose names the silo binds as configuration keys; the OpenTelemetry SDK reads its own (<c>OTEL_</c>) from the same configuration.</summary>
    public static IEnumerable<string> ConfigurationVariables(IReadOnlyDictionary<string, string> env) =>
        env.Keys.Where(k => k.StartsWith("SupplyChain__", StringComparison.Ordinal)
            || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
            || k.StartsWith("OTEL_", StringComparison.Ordinal));

    /// <summary>The configuration key of an environment variable, as .NET's environment provider maps it.</summary>
    public static string ToKey(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);

    private static string ValueOf(RenderedManifests manifests, V1PodTemplateSpec pod, V1EnvVar variable)
    {
        if (variable.ValueFrom is null)
        {
            return variable.Value ?? string.Empty;
        }

        if (variable.ValueFrom.FieldRef is { } field)
        {
            return field.FieldPath switch
            {
                "metadata.name" => $"{RenderedManifests.SiloName}-7d9f8b6c5d-x2v4q",
                "metadata.namespace" => manifests.SiloDeployment.Metadata.NamespaceProperty ?? "default",
                "status.podIP" => PodIp,
                var path when LabelPath().Match(path) is { Success: true } m => pod.Metadata.Labels.TryGetValue(m.Groups[1].Value, out var label)
                    ? label
                    : throw new Xunit.Sdk.XunitException($"{manifests.Kustomization}: {variable.Name} reads label {m.Groups[1].Value}, which the pod lacks."),
                var path => throw new Xunit.Sdk.XunitException($"{manifests.Kustomization}: {variable.Name} reads field {path}, which these tests do not model."),
            };
        }

        if (variable.ValueFrom.SecretKeyRef is { } secretKey)
        {
            if (manifests.Find<V1Secret>(secretKey.Name) is { } secret)
            {
                var data = SecretData(secret);
                Assert.True(data.ContainsKey(secretKey.Key), $"{manifests.Kustomization}: {variable.Name} reads key {secretKey.Key} of Secret {secretKey.Name}, which has no such key.");
                return data[secretKey.Key];
            }

            return OperatorSecretValues.TryGetValue(variable.Name, out var stand) ? stand : "placeholder";
        }

        if (variable.ValueFrom.ConfigMapKeyRef is { } mapKey)
        {
            var map = manifests.Find<V1ConfigMap>(mapKey.Name);
            Assert.True(map?.Data?.ContainsKey(mapKey.Key) == true, $"{manifests.Kustomization}: {variable.Name} reads key {mapKey.Key} of ConfigMap {mapKey.Name}, which the render lacks.");
            return map!.Data[mapKey.Key];
        }

        throw new Xunit.Sdk.XunitException($"{manifests.Kustomization}: {variable.Name} has a valueFrom these tests do not model.");
    }

    private static Dictionary<string, string> SecretData(V1Secret? secret)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, bytes) in secret?.Data ?? new Dictionary<string, byte[]>())
        {
            data[key] = Encoding.UTF8.GetString(bytes);
        }

        foreach (var (key, value) in secret?.StringData ?? new Dictionary<string, string>())
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>Kubernetes expands <c>$(NAME)</c> with variables defined earlier in the list.</summary>
    private static string Expand(string value, Dictionary<string, string> env) =>
        Reference().Replace(value, m => env.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"^metadata\.labels\['([^']+)'\]$")]
    private static partial Regex LabelPath();

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
