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
    /// bound from the silo's configuration), System.Text.Json for grain state and Orleans' distributed grain
    /// directory. The host adds the
    /// providers: storage, reminders, and the streams (in Embedded mode and in tests
    /// <see cref="Streams.StreamsSiloBuilderExtensions.AddSupplyChainMemoryStreams"/>).
    /// </summary>
    public static ISiloBuilder AddSupplyChainGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSupplyChainGrains(silo.Configuration);
        // One format for grain state in every mode. Orleans' default (Newtonsoft) fills a property's
        // existing object in place, and state properties start as shared immutable defaults
        // (EtaState.Initial): a shipment read back from memory storage wrote its ETA into the default
        // every new shipment then started from. Durable blobs are readable JSON too.
        silo.UseSystemTextJsonGrainStorageSerializer();
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
