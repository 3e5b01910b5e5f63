using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.Hosting.Durable;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// Stops the silo at start on a bad cluster setting, naming the key; in Durable mode also on a
/// missing or malformed connection string, before any provider tries to use it.
/// </summary>
internal sealed class SiloClusterOptionsValidator(IConfiguration configuration) : IValidateOptions<SiloClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloClusterOptions o)
    {
        var durable = o.Mode == ClusterMode.Durable;
        var streams = configuration.GetSection(StreamProviderOptions.SectionName).Get<StreamProviderOptions>() ?? new();
        var provider = streams.ProviderFor(o.Mode);
        var storage = configuration.GetConnectionString(AzureStorageClients.ConnectionStringName);
        return OptionErrors.Result(
            ("SupplyChain:Cluster:ClusterId", !string.IsNullOrWhiteSpace(o.ClusterId), "must not be empty"),
            ("SupplyChain:Cluster:ServiceId", IsQueueNamePrefix(o.ServiceId), "must be 1-40 letters, digits or hyphens, starting with a letter or digit"),
            ("SupplyChain:Cluster:SiloPort", o.SiloPort is > 0 and <= 65535, "must be a port number"),
            ("SupplyChain:Cluster:GatewayPort", o.GatewayPort is > 0 and <= 65535 && o.GatewayPort != o.SiloPort, "must be a port number other than SiloPort"),
            ("SupplyChain:Cluster:AdvertisedAddress", string.IsNullOrWhiteSpace(o.AdvertisedAddress) || o.AdvertisedIPAddress is not null, "must be an IP address"),
            ("SupplyChain:Cluster:MinimumReminderPeriod", o.MinimumReminderPeriod > TimeSpan.Zero, "must be positive"),
            ("SupplyChain:Cluster:Membership:ProbeTimeout", o.Membership.ProbeTimeout >= TimeSpan.FromMilliseconds(100), "must be at least 100 ms"),
            ("SupplyChain:Cluster:Membership:NumMissedProbesLimit", o.Membership.NumMissedProbesLimit >= 1, "must be >= 1"),
            ("SupplyChain:Cluster:Membership:NumVotesForDeathDeclaration", o.Membership.NumVotesForDeathDeclaration >= 1, "must be >= 1"),
            ("SupplyChain:Cluster:Membership:DeadSiloLease", o.Membership.DeadSiloLease >= TimeSpan.Zero && o.Membership.DeadSiloLease <= TimeSpan.FromMinutes(10), "must be in [0, 10 min]"),
            ("SupplyChain:Cluster:Rebalancing:DueTime", o.Rebalancing.DueTime > TimeSpan.Zero && o.Rebalancing.DueTime <= TimeSpan.FromHours(1), "must lie between 0 (exclusive) and 1 hour"),
            ("SupplyChain:Cluster:Rebalancing:CyclePeriod", o.Rebalancing.CyclePeriod >= RebalancingSettings.MinimumCyclePeriod && o.Rebalancing.CyclePeriod <= TimeSpan.FromMinutes(10),
                "must lie between 2 s (twice the period at which silos publish their load) and 10 minutes"),
            ("SupplyChain:Streams:Provider", durable || provider == StreamProviderKind.Memory, "must be Memory in Embedded mode"),
            ("SupplyChain:Streams:Provider", !durable || provider != StreamProviderKind.Memory, "must be AzureQueue or EventHubs in Durable mode: memory streams lose accepted events on a crash"),
            (AzureStorageClients.ConnectionStringKey, !durable || !string.IsNullOrWhiteSpace(storage), "is required in Durable mode"),
            (AzureStorageClients.ConnectionStringKey, !durable || string.IsNullOrWhiteSpace(storage) || IsStorageConnectionString(storage), "is not a valid Azure Storage connection string"),
            (EventHubsConnection.ConnectionStringKey, provider != StreamProviderKind.EventHubs
                || !string.IsNullOrWhiteSpace(configuration.GetConnectionString(EventHubsConnection.ConnectionStringName)), "is required with the EventHubs stream provider"),
            ("SupplyChain:Streams:EventHubs:Name", provider != StreamProviderKind.EventHubs || !string.IsNullOrWhiteSpace(streams.EventHubs.Name), "is required with the EventHubs stream provider"),
            ("SupplyChain:Streams:EventHubs:ConsumerGroup", provider != StreamProviderKind.EventHubs || !string.IsNullOrWhiteSpace(streams.EventHubs.ConsumerGroup), "must not be empty"));
    }

    /// <summary>The service id prefixes queue names, which allow 3-63 lower-case letters, digits and single hyphens.</summary>
    private static bool IsQueueNamePrefix(string id) =>
        id is { Length: > 0 and <= 40 } && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && !id.Contains("--", StringComparison.Ordinal);

    private static bool IsStorageConnectionString(string connectionString)
    {
        try
        {
            _ = new BlobServiceClient(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
