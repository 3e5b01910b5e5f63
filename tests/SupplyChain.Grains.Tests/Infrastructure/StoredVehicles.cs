using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using SupplyChain.Grains.Vehicles;

namespace SupplyChain.Grains.Tests.Infrastructure;

/// <summary>What a vehicle's partition wrote of it, read straight from the cluster's grain storage.</summary>
internal static class StoredVehicles
{
    /// <summary>The vehicle's stored state in storage <paramref name="storageName"/>, or null when none was written.</summary>
    public static async Task<VehicleState?> StoredVehicle(this InProcessTestCluster cluster, string storageName, string vehicleId)
    {
        var state = new GrainState<VehicleState>();
        await cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(storageName)
            .ReadStateAsync("vehicle", GrainId.Create("vehicle", vehicleId), state);
        return state.RecordExists ? state.State : null;
    }
}
