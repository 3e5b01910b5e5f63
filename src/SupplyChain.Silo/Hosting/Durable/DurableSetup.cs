namespace SupplyChain.Silo.Hosting.Durable;

/// <summary>What the durable profile's service registration hands to its Orleans configuration.</summary>
/// <param name="Clients">The storage clients, built on first use.</param>
/// <param name="Provider">The stream provider in effect.</param>
/// <param name="EventHubs">The hub, with the EventHubs provider.</param>
internal sealed record DurableSetup(Lazy<AzureStorageClients> Clients, StreamProviderKind Provider, EventHubsConnection? EventHubs);
