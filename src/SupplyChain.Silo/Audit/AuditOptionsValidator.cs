using Microsoft.Extensions.Options;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Audit;

/// <summary>Stops the silo at start on a bad audit setting, naming the key.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions o)
    {
        const string S = AuditOptions.SectionName;
        return OptionErrors.Result(
            ($"{S}:FlushInterval", o.FlushInterval >= TimeSpan.FromMilliseconds(100) && o.FlushInterval <= TimeSpan.FromMinutes(1),
                "must be in [00:00:00.1, 00:01:00]"),
            ($"{S}:BufferCapacity", o.BufferCapacity is >= AuditBuffer.BatchSize and <= 1_000_000, $"must be in [{AuditBuffer.BatchSize}, 1000000]"),
            ($"{S}:MemoryCapacity", o.MemoryCapacity is >= 1 and <= 10_000_000, "must be in [1, 10000000]"));
    }
}
