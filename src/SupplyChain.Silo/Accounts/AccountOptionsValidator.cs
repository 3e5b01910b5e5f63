using Microsoft.Extensions.Options;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Accounts;

/// <summary>Stops the silo at start on a bad account setting, naming the key.</summary>
internal sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountOptions o) => OptionErrors.Result(
        ($"{AccountOptions.SectionName}:CacheDuration", o.CacheDuration >= TimeSpan.Zero && o.CacheDuration <= AccountOptions.MaxCacheDuration,
            $"must be in [0, {AccountOptions.MaxCacheDuration}]"),
        ($"{AccountOptions.SectionName}:MaxCachedEntries", o.MaxCachedEntries > 0, "must be > 0"));
}
