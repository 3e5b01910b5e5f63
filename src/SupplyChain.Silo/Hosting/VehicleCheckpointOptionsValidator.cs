using Microsoft.Extensions.Options;
using SupplyChain.Grains.Vehicles;

namespace SupplyChain.Silo.Hosting;

/// <summary>Stops the silo at start on a bad vehicle checkpoint interval, naming the key.</summary>
internal sealed class VehicleCheckpointOptionsValidator : IValidateOptions<VehicleCheckpointOptions>
{
    public ValidateOptionsResult Validate(string? name, VehicleCheckpointOptions o) => OptionErrors.Result(
        ("SupplyChain:Tracking:VehicleCheckpointInterval", o.VehicleCheckpointInterval >= TimeSpan.FromSeconds(1), "must be at least 1 s"));
}
