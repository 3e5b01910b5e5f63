using SupplyChain.Contracts.Streams;
using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Hosting;

/// <summary>Stops the silo at start on bad stream settings, naming the key.</summary>
internal sealed class StreamOptionsValidator : IValidateOptions<StreamOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamOptions o) => OptionErrors.Result(
        ($"{StreamOptions.SectionName}:{nameof(o.Partitions)}", o.Partitions is > 0 and <= 1024, "must be in [1, 1024]"),
        ($"{StreamOptions.SectionName}:{nameof(o.BatchWindow)}", o.BatchWindow >= TimeSpan.Zero && o.BatchWindow <= TimeSpan.FromSeconds(1), "must be in [0, 1 s]"),
        ($"{StreamOptions.SectionName}:{nameof(o.MaxEventsPerMessage)}", o.MaxEventsPerMessage > 0, "must be > 0"),
        ($"{StreamOptions.SectionName}:{nameof(o.MaxMessageBytes)}", o.MaxMessageBytes >= 1024, "must be >= 1024"));
}

/// <summary>Stops the silo at start on a bad stream provider or cluster setting, naming the key.</summary>
internal sealed class StreamProviderOptionsValidator : IValidateOptions<StreamProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamProviderOptions o) => OptionErrors.Result(
        ($"{StreamProviderOptions.SectionName}:{nameof(o.Queues)}", o.Queues is > 0 and <= 1024, "must be in [1, 1024]"));
}

/// <summary>Turns (key, ok, rule) checks into a validation result.</summary>
internal static class OptionErrors
{
    public static ValidateOptionsResult Result(params (string Key, bool Ok, string Rule)[] checks)
    {
        var errors = checks.Where(c => !c.Ok).Select(c => $"{c.Key} {c.Rule}.").ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
