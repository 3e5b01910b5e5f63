using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SupplyChain.Kubernetes.Tests.Infrastructure;

/// <summary>
/// The files of the Secret volumes the silo container mounts, as the kubelet would lay them out,
/// written to a temporary folder with stand-in contents (<see cref="StandIns"/>; the Secrets are the
/// operator's), and the container's environment rewritten so that paths under a mount point there:
/// a silo built in a test then reads the files a pod would. Deletes the folder on dispose.
/// </summary>
public sealed class MountedSecrets : IDisposable
{
    private readonly string _root;

    private MountedSecrets(string root) => _root = root;

    /// <summary>Stand-ins by Secret key: well-formed, never real.</summary>
    private static readonly Dictionary<string, Func<byte[]>> StandIns = new(StringComparer.Ordinal)
    {
        // The Data Protection key ring's certificate: a PKCS#12 file with a private key and no password.
        ["keyring.pfx"] = SelfSignedPkcs12,
    };

    /// <summary>Writes the mounted Secrets' files and points <paramref name="env"/>'s paths under each mount at them.</summary>
    public static MountedSecrets Materialize(RenderedManifests manifests, Dictionary<string, string> env)
    {
        var root = Directory.CreateTempSubdirectory("supplychain-secret-volumes-").FullName;
        var volumes = manifests.SiloDeployment.Spec.Template.Spec.Volumes ?? [];
        foreach (var mount in manifests.Silo.VolumeMounts ?? [])
        {
            if (volumes.SingleOrDefault(v => v.Name == mount.Name)?.Secret is not { } secret)
            {
                continue;
            }

            var folder = Path.Combine(root, mount.Name);
            Directory.CreateDirectory(folder);
            Assert.True(secret.Items is { Count: > 0 }, $"{manifests.Kustomization}: Secret volume {mount.Name} mounts every key of {secret.SecretName}; name its items so the files are known.");
            foreach (var item in secret.Items)
            {
                Assert.True(StandIns.TryGetValue(item.Key, out var standIn), $"{manifests.Kustomization}: no stand-in for key {item.Key} of Secret {secret.SecretName}.");
                File.WriteAllBytes(Path.Combine(folder, item.Path), standIn());
            }

            var prefix = mount.MountPath.TrimEnd('/') + "/";
            foreach (var (name, value) in env.ToList())
            {
                if (value.StartsWith(prefix, StringComparison.Ordinal))
                {
                    env[name] = Path.Combine(folder, value[prefix.Length..]);
                }
            }
        }

        return new MountedSecrets(root);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static byte[] SelfSignedPkcs12()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=SupplyChain key ring (test stand-in)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(X509ContentType.Pkcs12);
    }
}
