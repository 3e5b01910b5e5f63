namespace SupplyChain.Contracts.Streams;

/// <summary>Grain storage names; which backend serves them is the host's configuration alone.</summary>
public static class StorageNames
{
    /// <summary>The grain storage for shipment, vehicle and registry state.</summary>
    public const string State = "state";

    /// <summary>The storage Orleans' stream pub-sub keeps its rendezvous state in.</summary>
    public const string PubSub = "PubSubStore";
}
