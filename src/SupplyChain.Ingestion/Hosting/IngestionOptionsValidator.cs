using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Streams;

namespace SupplyChain.Ingestion.Hosting;

/// <summary>Stops the silo at start on bad ingestion limits, naming the key.</summary>
internal sealed class IngestionOptionsValidator(IOptions<StreamOptions> streams) : IValidateOptions<IngestionOptions>
{
    /// <summary>The smallest event bound that still holds a scan with every field at its longest.</summary>
    private const int MinEventBytes = 12 * 1024;

    public ValidateOptionsResult Validate(string? name, IngestionOptions o)
    {
        var errors = new List<string>();
        Check(errors, o.MaxBodyBytes > 0, nameof(o.MaxBodyBytes), "must be > 0");
        Check(errors, o.MaxEvents > 0, nameof(o.MaxEvents), "must be > 0");
        Check(errors, o.MaxFutureSkew >= TimeSpan.Zero, nameof(o.MaxFutureSkew), "must not be negative");
        Check(errors, o.MaxPastAge > TimeSpan.Zero, nameof(o.MaxPastAge), "must be > 0");
        Check(errors, o.MaxEventBytes >= MinEventBytes, nameof(o.MaxEventBytes), $"must be >= {MinEventBytes}");
        Check(errors, o.MaxEventBytes <= streams.Value.MaxMessageBytes, nameof(o.MaxEventBytes),
            $"must not exceed {StreamOptions.SectionName}:{nameof(StreamOptions.MaxMessageBytes)} ({streams.Value.MaxMessageBytes}), so every event fits one stream message");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, bool ok, string key, string rule)
    {
        if (!ok)
        {
            errors.Add($"{IngestionOptions.SectionName}:{key} {rule}.");
        }
    }
}
