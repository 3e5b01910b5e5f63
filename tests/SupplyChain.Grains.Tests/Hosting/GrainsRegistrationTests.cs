using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using SupplyChain.Domain;
using SupplyChain.Grains.Partitions;
using SupplyChain.Grains.Vehicles;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Hosting;

/// <summary>
/// The library's own registration, through the silo-builder method every silo calls: its options bound
/// from the silo's configuration and refused with the key named.
/// </summary>
public sealed class GrainsRegistrationTests
{
    [Fact]
    public void NoSettings_BindTheDefaults()
    {
        using var host = BuildSilo();

        Assert.Equal(TrackingOptions.DefaultMaxGeofenceVertices, Options<TrackingOptions>(host).MaxGeofenceVertices);
        Assert.Equal(VehicleCheckpointOptions.DefaultVehicleIdleTimeout, Options<VehicleCheckpointOptions>(host).VehicleIdleTimeout);
        Assert.Equal(DeadLetterOptions.DefaultMaxAttempts, Options<DeadLetterOptions>(host).MaxAttempts);
        Assert.Equal(WebhookOptions.DefaultMaxInFlight, Options<WebhookOptions>(host).MaxInFlight);
    }

    [Fact]
    public void GoodSettings_AreBoundUnderTheirSections()
    {
        using var host = BuildSilo(
            ("SupplyChain:Tracking:MaxGeofenceVertices", "500"),
            ("SupplyChain:Tracking:VehicleIdleTimeout", "00:45:00"),
            ("SupplyChain:DeadLetters:MaxAttempts", "3"),
            ("SupplyChain:Webhooks:MaxInFlight", "4"));

        Assert.Equal(500, Options<TrackingOptions>(host).MaxGeofenceVertices);
        Assert.Equal(TimeSpan.FromMinutes(45), Options<VehicleCheckpointOptions>(host).VehicleIdleTimeout);
        Assert.Equal(3, Options<DeadLetterOptions>(host).MaxAttempts);
        Assert.Equal(4, Options<WebhookOptions>(host).MaxInFlight);
        // The collector lets an idle vehicle go after the configured timeout.
        Assert.Equal(TimeSpan.FromMinutes(45), Options<GrainCollectionOptions>(host).ClassSpecificCollectionAge[typeof(VehicleGrain).FullName!]);
    }

    [Fact]
    public void BadSettings_AreRefusedEachWithItsKey()
    {
        using var host = BuildSilo(
            ("SupplyChain:Tracking:MaxGeofenceVertices", "3"),
            ("SupplyChain:Tracking:VehicleCheckpointInterval", "00:00:00"),
            ("SupplyChain:Tracking:HeldFixes", "5000"),
            ("SupplyChain:DeadLetters:MaxAttempts", "0"),
            ("SupplyChain:Webhooks:MaxInFlight", "0"));

        Assert.Equal(["SupplyChain:Tracking:MaxGeofenceVertices must be >= 4"], Refusal<TrackingOptions>(host).Failures);
        Assert.Equal(
            ["SupplyChain:Tracking:VehicleCheckpointInterval must be at least 1 s.", "SupplyChain:Tracking:HeldFixes must be between 0 and 1000."],
            Refusal<VehicleCheckpointOptions>(host).Failures);
        Assert.Equal(["SupplyChain:DeadLetters:MaxAttempts must be in [1, 100]."], Refusal<DeadLetterOptions>(host).Failures);
        Assert.Equal(["SupplyChain:Webhooks:MaxInFlight must be in [1, 256]."], Refusal<WebhookOptions>(host).Failures);
    }

    [Fact]
    public async Task ABadSetting_StopsTheSiloOnStart_NamingTheKey()
    {
        using var host = BuildSilo(("SupplyChain:Tracking:VehicleIdleTimeout", "00:00:30"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("SupplyChain:Tracking:VehicleIdleTimeout must be at least 2 minutes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A silo host as the platform's are built (not started): its configuration, then the grains.</summary>
    private static IHost BuildSilo(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next());
            silo.AddSupplyChainGrains();
        });
        return builder.Build();
    }

    private static T Options<T>(IHost host)
        where T : class => host.Services.GetRequiredService<IOptions<T>>().Value;

    private static OptionsValidationException Refusal<T>(IHost host)
        where T : class => Assert.Throws<OptionsValidationException>(() => Options<T>(host));
}
