using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using SupplyChain.Kubernetes.Tests.Infrastructure;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Kubernetes.Tests.Manifests;

/// <summary>
/// The manifests set only settings the silo reads. The silo is built with exactly the
/// environment a render gives its container, and every key it asks its configuration for is
/// recorded (<see cref="KeyRecordingSource"/>): the list of keys comes from the code, not from a copy.
/// </summary>
public sealed class ConfigurationKeyTests
{
    public static TheoryData<string> Kustomizations => Kustomize.All();

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Manifests_EverySettingTheySet_IsReadByTheSilo(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var env = SiloEnvironment.Of(manifests);
        using var files = MountedSecrets.Materialize(manifests, env);
        var recorder = new KeyRecordingSource();

        await using (var app = BuildSilo(env, recorder, kustomization))
        {
            // Binds and validates every options class the silo validates on start, as a start would.
            Refused(kustomization, () => app.Services.GetRequiredService<IStartupValidator>().Validate());
            // Made when the host starts; it reads the OpenTelemetry SDK's settings (OTEL_TRACES_SAMPLER, say).
            app.Services.GetService<TracerProvider>();
        }

        var unread = SiloEnvironment.ConfigurationVariables(env).Where(v => !recorder.WasRead(SiloEnvironment.ToKey(v))).Order(StringComparer.Ordinal).ToList();
        Assert.True(unread.Count == 0, $"{kustomization} sets settings the silo never reads: {string.Join(", ", unread)}");
        Assert.NotEmpty(SiloEnvironment.ConfigurationVariables(env));
    }

    [Fact]
    public async Task ProductionOverlay_KeyRingCertificate_LoadedFromTheMountedSecret_RefusedWithoutIt()
    {
        var manifests = await Kustomize.RenderAsync("k8s/overlays/production");
        var env = SiloEnvironment.Of(manifests);
        var unmounted = new Dictionary<string, string>(env);
        using var files = MountedSecrets.Materialize(manifests, env);

        await using (var app = BuildSilo(env, new KeyRecordingSource(), "k8s/overlays/production"))
        {
            // The ring's keys are encrypted to the mounted certificate before they are stored.
            Assert.IsType<CertificateXmlEncryptor>(app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor);
        }

        // Without the Secret's file (not mounted yet, or a wrong path) the silo does not start, naming the setting.
        var refused = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => BuildSilo(unmounted, new KeyRecordingSource(), "k8s/overlays/production"));
        Assert.Contains("SupplyChain:KeyRing:CertificatePath", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recorder_SiloStarting_SeesSettingsItReads_AndNotOthers()
    {
        var recorder = new KeyRecordingSource();
        var env = new Dictionary<string, string>
        {
            ["SupplyChain__Streams__Queues"] = "4",
            ["SupplyChain__Cluster__SiloPort"] = "11111",
            ["SupplyChain__Streams__NoSuchSetting"] = "1",
            ["SupplyChain__NoSuchSection__Value"] = "1",
        };

        await using (var app = BuildSilo(env, recorder, "this test"))
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }

        Assert.True(recorder.WasRead("SupplyChain:Streams:Queues"));
        Assert.True(recorder.WasRead("supplychain:cluster:siloport"));
        Assert.False(recorder.WasRead("SupplyChain:Streams:NoSuchSetting"));
        Assert.False(recorder.WasRead("SupplyChain:NoSuchSection:Value"));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Manifests_ShutdownTimeout_IsTheOneTheHostUses(string kustomization)
    {
        var env = SiloEnvironment.Of(await Kustomize.RenderAsync(kustomization));
        var seconds = env["shutdownTimeoutSeconds"];

        // Only this setting: the host reads it whatever the cluster mode.
        await using var app = BuildSilo(new Dictionary<string, string> { ["shutdownTimeoutSeconds"] = seconds }, new KeyRecordingSource(), kustomization);

        Assert.Equal(TimeSpan.FromSeconds(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    /// <summary>The silo's application, as <c>SiloApplication</c> builds it, with <paramref name="env"/> as its environment.</summary>
    private static WebApplication BuildSilo(IReadOnlyDictionary<string, string> env, KeyRecordingSource recorder, string kustomization)
    {
        // A pod's ASPNETCORE_ENVIRONMENT is unset: Production.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(env.Select(pair => KeyValuePair.Create(SiloEnvironment.ToKey(pair.Key), (string?)pair.Value)));
        ((IConfigurationBuilder)builder.Configuration).Add(recorder);
        return Refused(kustomization, () =>
        {
            builder.AddSupplyChain();
            return builder.Build();
        });
    }

    private static void Refused(string kustomization, Action action) => Refused(kustomization, () =>
    {
        action();
        return true;
    });

    /// <summary>Turns the silo refusing a setting into a failure that says which render it came from.</summary>
    private static T Refused<T>(string kustomization, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException or FormatException)
        {
            throw new Xunit.Sdk.XunitException($"The silo refuses the configuration {kustomization} gives it: {ex.Message}");
        }
    }
}
