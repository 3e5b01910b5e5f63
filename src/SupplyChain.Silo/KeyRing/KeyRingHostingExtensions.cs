using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Hosting.Durable;

namespace SupplyChain.Silo.KeyRing;

/// <summary>Configures the Data Protection key ring that encrypts webhook secrets at rest.</summary>
internal static class KeyRingHostingExtensions
{
    /// <summary>
    /// Embedded mode: an ephemeral ring in memory, as everything else there (a restart loses the
    /// secrets together with the subscriptions). Durable mode: the ring in the <c>keyring</c> blob
    /// container shared by every silo of the service (<see cref="BlobKeyRing"/>), its keys encrypted
    /// with <see cref="KeyRingOptions.CertificatePath"/> when set, and read once at start so a silo
    /// that cannot reach it does not start. Data Protection's own key lifetime applies: a new key
    /// every 90 days, old keys kept to decrypt what they protected.
    /// </summary>
    public static IServiceCollection AddSupplyChainKeyRing(this IServiceCollection services, IConfiguration configuration, SiloClusterOptions cluster)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(KeyRingOptions.ApplicationName);
        if (cluster.Mode != ClusterMode.Durable)
        {
            dataProtection.UseEphemeralDataProtectionProvider();
            return services;
        }

        services.AddOptions<KeyManagementOptions>().Configure<AzureStorageClients>((o, clients) =>
            o.XmlRepository = new BlobKeyRing(clients.Blob.GetBlobContainerClient(DurableNames.KeyRingContainer), cluster.ServiceId));
        var options = configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new();
        if (LoadCertificate(options) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddHostedService<KeyRingWarmUp>();
        return services;
    }

    /// <summary>The certificate of <see cref="KeyRingOptions.CertificatePath"/>, or null when unset; refuses to start on a bad one, naming the key.</summary>
    private static X509Certificate2? LoadCertificate(KeyRingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return null;
        }

        var key = $"{KeyRingOptions.SectionName}:{nameof(KeyRingOptions.CertificatePath)}";
        if (!File.Exists(options.CertificatePath))
        {
            throw Refused($"{key} names '{options.CertificatePath}', which does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }
        catch (CryptographicException ex)
        {
            throw Refused($"{key} names '{options.CertificatePath}', which is not a PKCS#12 file readable with {KeyRingOptions.SectionName}:{nameof(KeyRingOptions.CertificatePassword)}: {ex.Message}");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw Refused($"{key} names '{options.CertificatePath}', whose certificate has no private key: the ring's keys could be encrypted but never read back.");
        }

        return certificate;
    }

    private static OptionsValidationException Refused(string message) =>
        new(KeyRingOptions.SectionName, typeof(KeyRingOptions), [message]);
}
