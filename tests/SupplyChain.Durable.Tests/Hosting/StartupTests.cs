using Microsoft.Extensions.Options;
using SupplyChain.Durable.Tests.Infrastructure;

namespace SupplyChain.Durable.Tests.Hosting;

/// <summary>A durable silo that lacks its storage refuses to start and says why.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task DurableSilo_StorageUnreachable_ExitsNamingTheService()
    {
        var closedPort = FreePorts.Next();
        var connectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Azurite.AccountKey + ";"
            + $"BlobEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;"
            + $"TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;";
        await using var silo = SiloProcess.Create("silo", connectionString, "unreachable");

        silo.Launch();
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(silo.Output, line => line.Contains($"Azure Blob storage (http://127.0.0.1:{closedPort}/devstoreaccount1) is unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DurableSilo_EventHubsUnreachable_ExitsNamingTheService()
    {
        await using var azurite = await Azurite.StartAsync();
        var closedPort = FreePorts.Next();
        await using var silo = SiloProcess.Create(
            "silo", azurite.ConnectionString, "no-hub",
            "--SupplyChain:Streams:Provider=EventHubs",
            "--SupplyChain:Streams:EventHubs:Name=shipments",
            $"--ConnectionStrings:EventHubs=Endpoint=sb://127.0.0.1:{closedPort}/;SharedAccessKeyName=none;SharedAccessKey=bm9uZQ==;UseDevelopmentEmulator=true");

        silo.Launch();
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(silo.Output, line => line.Contains("Azure Event Hubs (hub 'shipments') is unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public void DurableSilo_WithoutConnectionString_RefusesNamingTheKey()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => InProcessSilo.Build(connectionString: null, "no-storage"));

        Assert.Contains("ConnectionStrings:AzureStorage is required in Durable mode", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DurableSilo_EventHubsWithoutHub_RefusesNamingTheKeys()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => InProcessSilo.Build("UseDevelopmentStorage=true", "no-hub", "--SupplyChain:Streams:Provider=EventHubs"));

        Assert.Contains("ConnectionStrings:EventHubs is required with the EventHubs stream provider", refused.Message, StringComparison.Ordinal);
        Assert.Contains("SupplyChain:Streams:EventHubs:Name is required with the EventHubs stream provider", refused.Message, StringComparison.Ordinal);
    }
}
