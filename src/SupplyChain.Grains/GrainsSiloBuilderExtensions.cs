using Orleans.Hosting;

namespace SupplyChain.Grains;

/// <summary>
/// What every silo of the platform needs whatever its providers: the host's silos in both cluster modes
/// and the tests' silos call this one method, so a test silo cannot drift from production's wiring.
/// </summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the grains' services and options (<see cref="GrainsServiceCollectionExtensions.AddSupplyChainGrains"/>,
    /// bound from the silo's configuration) and Orleans' distributed grain directory. The host adds the
    /// providers: storage, reminders, and the streams (in Embedded mode and in tests
    /// <see cref="Streams.StreamsSiloBuilderExtensions.AddSupplyChainMemoryStreams"/>).
    /// </summary>
    public static ISiloBuilder AddSupplyChainGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSupplyChainGrains(silo.Configuration);
        // The default directory deactivates, on every surviving silo, each activation whose entry the
        // dead silo held: a third of the vehicles of three silos, whose positions since their last
        // checkpoint were in memory only and were lost although their pings had been acknowledged
        // (VehicleCrashTests). The distributed directory recovers the dead silo's ranges from the
        // surviving silos instead and keeps one activation per grain. Orleans' own test clusters use it.
#pragma warning disable ORLEANSEXP003
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        return silo;
    }
}
