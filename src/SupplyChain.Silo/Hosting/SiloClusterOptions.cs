using System.Net;

namespace SupplyChain.Silo.Hosting;

/// <summary>How this silo runs and finds its cluster, bound from <c>SupplyChain:Cluster</c>.</summary>
public sealed class SiloClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Cluster";

    /// <summary>Default of <see cref="MinimumReminderPeriod"/>: Orleans' own default, one minute.</summary>
    public static readonly TimeSpan DefaultMinimumReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Which providers back the cluster (default <see cref="ClusterMode.Embedded"/>).</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    /// <summary>The Orleans cluster id (default <c>supplychain</c>).</summary>
    public string ClusterId { get; set; } = "supplychain";

    /// <summary>The Orleans service id (default <c>supplychain</c>); storage is keyed by it.</summary>
    public string ServiceId { get; set; } = "supplychain";

    /// <summary>Port for silo-to-silo traffic (default 11111).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (default 30000).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos reach this one at. Default: loopback in Embedded mode; in Durable
    /// mode the pod's IP (<c>POD_IP</c>) or else the host's first IPv4 address. A string, since
    /// the configuration binder cannot convert to <see cref="IPAddress"/>; validated at start.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The parsed <see cref="AdvertisedAddress"/>, or null when unset or not an address.</summary>
    public IPAddress? AdvertisedIPAddress => IPAddress.TryParse(AdvertisedAddress, out var address) ? address : null;

    /// <summary>
    /// The shortest reminder period Orleans accepts (default one minute, Orleans' own). Reminders
    /// are for coarse wall-clock work (idle shipments); tests lower it to see one fire.
    /// </summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = DefaultMinimumReminderPeriod;

    /// <summary>Failure detection between silos (Durable mode).</summary>
    public MembershipSettings Membership { get; set; } = new();

    /// <summary>Moving activations to silos that joined late (Orleans' activation rebalancer).</summary>
    public RebalancingSettings Rebalancing { get; set; } = new();
}

/// <summary>Which providers back the cluster.</summary>
public enum ClusterMode
{
    /// <summary>One silo, everything in memory, no other service.</summary>
    Embedded,

    /// <summary>Orleans' Azure providers: Blob grain state, Table membership and reminders, Azure Queue or Event Hubs streams.</summary>
    Durable,
}
