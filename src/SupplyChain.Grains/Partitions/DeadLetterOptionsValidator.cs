using Microsoft.Extensions.Options;

namespace SupplyChain.Grains.Partitions;

/// <summary>Stops the silo at start on a bad dead-letter setting, naming the key.</summary>
internal sealed class DeadLetterOptionsValidator : IValidateOptions<DeadLetterOptions>
{
    public ValidateOptionsResult Validate(string? name, DeadLetterOptions o) =>
        o.MaxAttempts is >= 1 and <= 100
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{DeadLetterOptions.SectionName}:{nameof(o.MaxAttempts)} must be in [1, 100].");
}
