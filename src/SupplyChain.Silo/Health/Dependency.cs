namespace SupplyChain.Silo.Health;

/// <summary>An outside service a durable silo cannot work without.</summary>
internal enum Dependency
{
    /// <summary>Azure Blob storage: grain state.</summary>
    AzureBlob,

    /// <summary>Azure Table storage: membership, reminders, checkpoints, dead letters.</summary>
    AzureTable,

    /// <summary>Azure Queue storage: the event streams (AzureQueue provider).</summary>
    AzureQueue,

    /// <summary>Azure Event Hubs: the event streams (EventHubs provider).</summary>
    EventHubs,
}
