using System.Net;

namespace SupplyChain.Silo.Hosting;

/// <summary>How this silo runs and finds its cluster, bound from <c>SupplyChain:Cluster</c>.</summary>
public sealed class SiloClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SupplyChain:Cluster";

    /// <summary>Which providers back the cluster.</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    /// <summary>The Orleans cluster id (default <c>supplychain</c>).</summary>
    public string ClusterId { get; set; } = "supplychain";

    /// <summary>The Orleans service id (default <c>supplychain</c>); storage is keyed by it.</summary>
    public string ServiceId { get; set; } = "supplychain";

    /// <summary>Port for silo-to-silo traffic (default 11111).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (default 30000).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; loopback in Embedded mode.</summary>
    public IPAddress? AdvertisedAddress { get; set; }
}

/// <summary>Which providers back the cluster.</summary>
public enum ClusterMode
{
    /// <summary>One silo, everything in memory, no other service.</summary>
    Embedded,
}
