namespace SupplyChain.Silo.Hosting.Durable;

/// <summary>Where the Event Hubs stream provider reads and writes: <c>ConnectionStrings:EventHubs</c> and the hub's name.</summary>
internal sealed record EventHubsConnection(string ConnectionString, string Name, string ConsumerGroup)
{
    /// <summary>The configuration key of the connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:EventHubs";

    /// <summary>The connection string's name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "EventHubs";
}
