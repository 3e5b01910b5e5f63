using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Streams;
using SupplyChain.Ingestion.Hosting;
using SupplyChain.Ingestion.Ownership;

namespace SupplyChain.Ingestion.Tests.Hosting;

/// <summary>The library's own registration: its options bound from configuration and refused with the key named.</summary>
public sealed class IngestionRegistrationTests
{
    [Fact]
    public void GoodSettings_AreBound()
    {
        using var services = Build(("SupplyChain:Ingestion:MaxEvents", "250"), ("SupplyChain:Ownership:CacheCapacity", "5000"));

        Assert.Equal(250, services.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxEvents);
        Assert.Equal(5_000, services.GetRequiredService<IOptions<OwnershipOptions>>().Value.CacheCapacity);
    }

    [Fact]
    public void AnEventBoundLargerThanAStreamMessage_IsRefusedNamingBothKeys()
    {
        using var services = Build(("SupplyChain:Ingestion:MaxEventBytes", "2000000"), ("SupplyChain:Streams:MaxMessageBytes", "60000"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IngestionOptions>>().Value);
        Assert.Contains("SupplyChain:Ingestion:MaxEventBytes must not exceed SupplyChain:Streams:MaxMessageBytes (60000)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadLimits_AreRefusedEachWithItsKey()
    {
        using var services = Build(("SupplyChain:Ingestion:MaxEvents", "0"), ("SupplyChain:Ingestion:MaxPastAge", "00:00:00"), ("SupplyChain:Ownership:CacheTtl", "02:00:00"), ("SupplyChain:Ownership:CacheCapacity", "10"));

        var ingestion = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IngestionOptions>>().Value);
        var ownership = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OwnershipOptions>>().Value);

        Assert.Equal(["SupplyChain:Ingestion:MaxEvents must be > 0.", "SupplyChain:Ingestion:MaxPastAge must be > 0."], ingestion.Failures);
        Assert.Equal(["SupplyChain:Ownership:CacheTtl must lie between 0 and 1 hour.", "SupplyChain:Ownership:CacheCapacity must lie between 1,000 and 10,000,000."], ownership.Failures);
    }

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddOptions<StreamOptions>().Bind(configuration.GetSection(StreamOptions.SectionName));
        services.AddSupplyChainIngestion(configuration);
        return services.BuildServiceProvider();
    }
}
