using Orleans.Configuration;

namespace SupplyChain.Silo.Hosting;

/// <summary>Turns on Orleans' activation rebalancer with <see cref="RebalancingSettings"/>.</summary>
internal static class RebalancingHostingExtensions
{
    public static void AddRebalancing(this ISiloBuilder silo, RebalancingSettings settings)
    {
        // Experimental in Orleans 10 (ORLEANSEXP002): opted into per deployment, off by default.
#pragma warning disable ORLEANSEXP002
        silo.AddActivationRebalancer();
#pragma warning restore ORLEANSEXP002
        silo.Configure<ActivationRebalancerOptions>(o =>
        {
            o.RebalancerDueTime = settings.DueTime;
            o.SessionCyclePeriod = settings.CyclePeriod;
        });
    }
}
