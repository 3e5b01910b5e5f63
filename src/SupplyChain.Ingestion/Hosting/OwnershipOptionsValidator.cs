using Microsoft.Extensions.Options;
using SupplyChain.Ingestion.Ownership;

namespace SupplyChain.Ingestion.Hosting;

/// <summary>Stops the silo at start on a bad ownership cache setting, naming the key.</summary>
internal sealed class OwnershipOptionsValidator : IValidateOptions<OwnershipOptions>
{
    public ValidateOptionsResult Validate(string? name, OwnershipOptions o)
    {
        var errors = new List<string>();
        if (o.CacheTtl < TimeSpan.Zero || o.CacheTtl > TimeSpan.FromHours(1))
        {
            errors.Add($"{OwnershipOptions.SectionName}:{nameof(o.CacheTtl)} must lie between 0 and 1 hour.");
        }

        if (o.CacheCapacity is < 1_000 or > 10_000_000)
        {
            errors.Add($"{OwnershipOptions.SectionName}:{nameof(o.CacheCapacity)} must lie between 1,000 and 10,000,000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
