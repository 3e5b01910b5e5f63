using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Webhooks;

/// <summary>
/// Webhook secrets at rest in Durable mode, on Azurite with real silo processes: no blob of grain
/// state holds a secret in any readable form; the Data Protection key ring is in its own container,
/// its keys encrypted with the configured certificate; a silo process that did not create a secret
/// (the first one stopped) decrypts it from the shared ring and delivers correctly signed; and a
/// state in the format from before encryption, its secret in plain text, is migrated on activation
/// and goes on delivering with the same secret. A bad key-ring certificate stops the silo at start.
/// </summary>
public sealed partial class SecretsAtRestTests : IAsyncLifetime
{
    private Azurite _azurite = null!;
    private string _certificateDirectory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _certificateDirectory = Directory.CreateTempSubdirectory("keyring-cert-").FullName;
    }

    public async ValueTask DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(_certificateDirectory, recursive: true);
    }

    [Fact]
    public async Task SecretsEncryptedInBlobs_AnotherSiloDecryptsAndSigns_PlaintextStateMigrated()
    {
        var clusterId = "secrets-" + Guid.NewGuid().ToString("N")[..8];
        string[] settings =
        [
            $"--SupplyChain:KeyRing:CertificatePath={WriteCertificate("ring-password")}",
            "--SupplyChain:KeyRing:CertificatePassword=ring-password",
            "--Logging:LogLevel:SupplyChain.Grains.Webhooks=Debug",
        ];
        await using var receiverA = await LoopbackReceiver.StartAsync();
        await using var receiverB = await LoopbackReceiver.StartAsync();
        receiverA.Answer = receiverB.Answer = 204;
        var tn = NewKey("SEC");

        await using var first = await SiloProcess.StartAsync("silo-0", _azurite.ConnectionString, clusterId, settings);
        using var admin = first.Client(SiloProcess.AdminKey);
        var (idA, createdA) = await Create(admin, receiverA.Url, tn);
        var (idB, secretB) = await Create(admin, receiverB.Url, tn);
        using var rotation = await admin.PostAsync($"/api/subscriptions/{idA}/secret/rotate", null, Ct);
        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        var rotatedA = (await rotation.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("secret").GetString()!;
        string[] secrets = [createdA, rotatedA, secretB];

        // Every blob of grain state, read as an operator with the account key would.
        var state = _azurite.Blobs.GetBlobContainerClient("grainstate");
        var stateA = await ReadJson(state, Dispatcher(idA));
        Assert.Equal(JsonValueKind.Null, stateA["Secret"]?.GetValueKind() ?? JsonValueKind.Null);
        Assert.False(string.IsNullOrEmpty(stateA["Secrets"]!["Current"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(stateA["Secrets"]!["Previous"]!.GetValue<string>()));
        await AssertInNoBlob(state, secrets);

        // The ring: its own container, under the service id, each key encrypted with the certificate.
        var ring = await Blobs(_azurite.Blobs.GetBlobContainerClient("keyring"));
        Assert.NotEmpty(ring);
        Assert.All(ring.Keys, name => Assert.StartsWith("supplychain/", name, StringComparison.Ordinal));
        var key = Assert.Single(ring.Values, content => content.Contains("<key ", StringComparison.Ordinal));
        Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);

        await first.StopAsync();

        // B's state as it was written before secrets were encrypted: the secret's bytes in "Secret".
        var stateB = await ReadJson(state, Dispatcher(idB));
        stateB["Secret"] = Convert.ToBase64String(Bytes(secretB));
        stateB.Remove("Secrets");
        await state.GetBlobClient(Dispatcher(idB)).UploadAsync(BinaryData.FromString(stateB.ToJsonString()), overwrite: true, Ct);

        await using var second = await SiloProcess.StartAsync("silo-1", _azurite.ConnectionString, clusterId, settings);
        await Eventually.True(
            () => Task.FromResult(second.Output.Any(line => RoutingToTwo().IsMatch(line))), "the new silo routing to both subscriptions");
        receiverA.Secret = rotatedA;
        receiverB.Secret = secretB;
        using var carrier = second.Client(SiloProcess.CarrierKey);
        await PostAccepted(carrier, Scan(tn, "PickedUp", T0));

        var toA = await Eventually.Until(() => Task.FromResult(receiverA.Posts), a => a.Count >= 1, "a delivery to A from the new silo");
        var toB = await Eventually.Until(() => Task.FromResult(receiverB.Posts), a => a.Count >= 1, "a delivery to B from the new silo");
        Assert.True(toA[0].IsSignedWith(rotatedA), "A's delivery is signed with its rotated secret");
        Assert.True(toB[0].IsSignedWith(secretB), "B's delivery is signed with its migrated secret");
        Assert.Equal(204, toA[0].Status);
        Assert.Equal(204, toB[0].Status);

        // B's plain text left storage on its first activation.
        var migrated = await ReadJson(state, Dispatcher(idB));
        Assert.Equal(JsonValueKind.Null, migrated["Secret"]?.GetValueKind() ?? JsonValueKind.Null);
        Assert.False(string.IsNullOrEmpty(migrated["Secrets"]!["Current"]!.GetValue<string>()));
        await AssertInNoBlob(state, secrets);
    }

    [Fact]
    public void KeyRingCertificate_MissingUnreadableOrWithoutPrivateKey_RefusedAtStartNamingTheKey()
    {
        var notPfx = Path.Combine(_certificateDirectory, "not.pfx");
        File.WriteAllText(notPfx, "not a certificate");
        var publicOnly = Path.Combine(_certificateDirectory, "public.pfx");
        using (var withKey = X509CertificateLoader.LoadPkcs12FromFile(WriteCertificate("pw"), "pw"))
        using (var withoutKey = X509CertificateLoader.LoadCertificate(withKey.RawData))
        {
            File.WriteAllBytes(publicOnly, withoutKey.Export(X509ContentType.Pfx));
        }

        foreach (var (path, why) in new[] { (Path.Combine(_certificateDirectory, "absent.pfx"), "does not exist"), (notPfx, "not a PKCS#12 file"), (publicOnly, "no private key") })
        {
            var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
                () => InProcessSilo.Build(_azurite.ConnectionString, "bad-cert", $"--SupplyChain:KeyRing:CertificatePath={path}"));
            Assert.Contains("SupplyChain:KeyRing:CertificatePath", refused.Message, StringComparison.Ordinal);
            Assert.Contains(why, refused.Message, StringComparison.Ordinal);
        }
    }

    private static async Task<(string Id, string Secret)> Create(HttpClient admin, Uri url, string trackingNumber)
    {
        using var created = await admin.PostAsJsonAsync("/api/subscriptions", new { url, trackingNumbers = new[] { trackingNumber } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (json.GetProperty("id").GetString()!, json.GetProperty("secret").GetString()!);
    }

    /// <summary>A self-signed certificate with its private key in a password-protected .pfx file, as an operator would mount one.</summary>
    private string WriteCertificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=SupplyChain key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(_certificateDirectory, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>
    /// No blob of <paramref name="container"/> holds any of <paramref name="secrets"/>: as given
    /// (<c>whsec_...</c>), as the base64 of its bytes, as hex, or as the raw bytes. The container
    /// must hold the dispatchers' blobs, else the check proves nothing.
    /// </summary>
    private static async Task AssertInNoBlob(BlobContainerClient container, string[] secrets)
    {
        var blobs = await RawBlobs(container);
        Assert.Contains(blobs.Keys, name => name.StartsWith("webhook-webhookdispatcher/", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            var bytes = Bytes(secret);
            string[] forms = [secret, Convert.ToBase64String(bytes), Convert.ToHexString(bytes), Convert.ToHexStringLower(bytes)];
            foreach (var (name, content) in blobs)
            {
                var text = Encoding.UTF8.GetString(content);
                Assert.All(forms, form => Assert.DoesNotContain(form, text, StringComparison.Ordinal));
                Assert.True(content.AsSpan().IndexOf(bytes) < 0, $"{name} holds a secret's raw bytes");
            }
        }
    }

    private static byte[] Bytes(string secret) => Convert.FromBase64String(secret["whsec_".Length..]);

    private static string Dispatcher(string id) => $"webhook-webhookdispatcher/{id}.json";

    private static async Task<JsonObject> ReadJson(BlobContainerClient container, string name) =>
        JsonNode.Parse((await container.GetBlobClient(name).DownloadContentAsync(Ct)).Value.Content.ToString())!.AsObject();

    private static async Task<Dictionary<string, string>> Blobs(BlobContainerClient container) =>
        (await RawBlobs(container)).ToDictionary(b => b.Key, b => Encoding.UTF8.GetString(b.Value));

    private static async Task<Dictionary<string, byte[]>> RawBlobs(BlobContainerClient container)
    {
        var blobs = new Dictionary<string, byte[]>();
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: Ct))
        {
            blobs[blob.Name] = (await container.GetBlobClient(blob.Name).DownloadContentAsync(Ct)).Value.Content.ToArray();
        }

        return blobs;
    }

    [GeneratedRegex(@"Webhook routing index rebuilt at version \d+ with 2 enabled subscriptions")]
    private static partial Regex RoutingToTwo();
}
