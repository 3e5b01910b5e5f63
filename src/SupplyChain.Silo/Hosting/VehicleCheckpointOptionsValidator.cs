using Microsoft.Extensions.Options;
using SupplyChain.Grains.Vehicles;

namespace SupplyChain.Silo.Hosting;

/// <summary>Stops the silo at start on a bad vehicle checkpoint interval, idle timeout or held fix count, naming the key.</summary>
internal sealed class VehicleCheckpointOptionsValidator : IValidateOptions<VehicleCheckpointOptions>
{
    public ValidateOptionsResult Validate(string? name, VehicleCheckpointOptions o) => OptionErrors.Result(
        ("SupplyChain:Tracking:VehicleCheckpointInterval", o.VehicleCheckpointInterval >= TimeSpan.FromSeconds(1), "must be at least 1 s"),
        ("SupplyChain:Tracking:VehicleIdleTimeout", o.VehicleIdleTimeout >= TimeSpan.FromMinutes(2), "must be at least 2 minutes (Orleans' activation collector checks every minute)"),
        ("SupplyChain:Tracking:HeldFixes", o.HeldFixes is >= 0 and <= 1000, "must be between 0 and 1000"));
}
