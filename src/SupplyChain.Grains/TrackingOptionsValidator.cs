using Microsoft.Extensions.Options;
using SupplyChain.Domain;

namespace SupplyChain.Grains;

/// <summary>
/// Stops the silo at start on bad tracking thresholds, naming the key. The rules themselves live with
/// <see cref="TrackingOptions"/> in the domain, which knows nothing of hosting; the grains bind them.
/// </summary>
internal sealed class TrackingOptionsValidator : IValidateOptions<TrackingOptions>
{
    public ValidateOptionsResult Validate(string? name, TrackingOptions o) =>
        o.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
