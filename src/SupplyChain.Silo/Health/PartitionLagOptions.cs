namespace SupplyChain.Silo.Health;

/// <summary>When readiness reports a partition as behind, bound from <c>SupplyChain:Health</c>.</summary>
public sealed class PartitionLagOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Health";

    /// <summary>Default of <see cref="PartitionLagThreshold"/>: 60 s.</summary>
    public static readonly TimeSpan DefaultPartitionLagThreshold = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How far behind a partition may fall (the age of the oldest stream message it has not finished
    /// applying) before <c>/health/ready</c> reports it as degraded (default 60 s, in [1 s, 1 day]). A
    /// poison event holds its partition up for about 15 s with the default delivery settings, so a lag
    /// beyond a minute means more than one poison event: storage refusing, or dead letters that cannot be written.
    /// </summary>
    public TimeSpan PartitionLagThreshold { get; set; } = DefaultPartitionLagThreshold;
}
