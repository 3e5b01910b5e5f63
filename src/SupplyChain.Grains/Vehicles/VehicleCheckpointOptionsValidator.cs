using Microsoft.Extensions.Options;

namespace SupplyChain.Grains.Vehicles;

/// <summary>Stops the silo at start on a bad vehicle checkpoint interval, idle timeout or held fix count, naming the key.</summary>
internal sealed class VehicleCheckpointOptionsValidator : IValidateOptions<VehicleCheckpointOptions>
{
    public ValidateOptionsResult Validate(string? name, VehicleCheckpointOptions o)
    {
        var errors = new List<string>();
        Check(errors, o.VehicleCheckpointInterval >= TimeSpan.FromSeconds(1), nameof(o.VehicleCheckpointInterval), "must be at least 1 s");
        Check(errors, o.VehicleIdleTimeout >= TimeSpan.FromMinutes(2), nameof(o.VehicleIdleTimeout),
            "must be at least 2 minutes (Orleans' activation collector checks every minute)");
        Check(errors, o.HeldFixes is >= 0 and <= 1000, nameof(o.HeldFixes), "must be between 0 and 1000");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, bool ok, string key, string rule)
    {
        if (!ok)
        {
            errors.Add($"{VehicleCheckpointOptions.SectionName}:{key} {rule}.");
        }
    }
}
