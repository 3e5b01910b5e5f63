namespace SupplyChain.Simulator.Load;

/// <summary>Percentiles of a set of durations in milliseconds.</summary>
internal static class Percentiles
{
    public static double Of(List<double> sortedMs, double percentile) =>
        sortedMs.Count == 0 ? double.NaN : sortedMs[Math.Clamp((int)Math.Ceiling(percentile / 100 * sortedMs.Count) - 1, 0, sortedMs.Count - 1)];
}
