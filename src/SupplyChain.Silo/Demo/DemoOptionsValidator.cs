using Microsoft.Extensions.Options;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Demo;

/// <summary>Stops the silo at start on a demo setting that could not run, naming the key.</summary>
internal sealed class DemoOptionsValidator : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions o) => OptionErrors.Result(
        ($"{DemoOptions.SectionName}:TickInterval", o.TickInterval >= TimeSpan.FromMilliseconds(100) && o.TickInterval <= TimeSpan.FromMinutes(1),
            "must be in [00:00:00.1, 00:01:00]"),
        ($"{DemoOptions.SectionName}:SpeedKmh", double.IsFinite(o.SpeedKmh) && o.SpeedKmh is > 0 and <= 240, "must be in (0, 240] km/h"),
        ($"{DemoOptions.SectionName}:TripTimePerTick", o.TripTimePerTick >= TimeSpan.FromSeconds(10) && o.TripTimePerTick <= TimeSpan.FromMinutes(5),
            "must be in [00:00:10, 00:05:00]"),
        ($"{DemoOptions.SectionName}:FleetSize", o.FleetSize is >= 0 and <= 20_000, "must be in [0, 20000]"),
        ($"{DemoOptions.SectionName}:PauseBetweenLaps", o.PauseBetweenLaps >= TimeSpan.Zero && o.PauseBetweenLaps <= TimeSpan.FromHours(1),
            "must be in [0, 01:00:00]"));
}
