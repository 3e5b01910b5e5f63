using Microsoft.Extensions.Options;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.RateLimiting;

/// <summary>
/// Stops the silo at start on a bad limit, naming the key; also on a per-key entry that names no
/// configured key, since such a typo would silently leave a load tool at its role's limits.
/// </summary>
internal sealed class RateLimitOptionsValidator(IOptions<ApiKeyOptions> keys) : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions o)
    {
        const string S = RateLimitOptions.SectionName;
        List<(string Key, bool Ok, string Rule)> checks =
        [
            ($"{S}:AnonymousRequestsPerSecond", o.AnonymousRequestsPerSecond > 0, "must be > 0"),
            ($"{S}:AnonymousRequestBurst", o.AnonymousRequestBurst > 0, "must be > 0"),
            ($"{S}:CarrierRequestsPerSecond", o.CarrierRequestsPerSecond > 0, "must be > 0"),
            ($"{S}:CarrierRequestBurst", o.CarrierRequestBurst > 0, "must be > 0"),
            ($"{S}:AdminRequestsPerSecond", o.AdminRequestsPerSecond > 0, "must be > 0"),
            ($"{S}:AdminRequestBurst", o.AdminRequestBurst > 0, "must be > 0"),
            ($"{S}:EventsPerSecond", o.EventsPerSecond > 0, "must be > 0"),
            ($"{S}:EventBurst", o.EventBurst > 0, "must be > 0"),
            ($"{S}:LiveConnectionsPerAddress", o.LiveConnectionsPerAddress > 0, "must be > 0"),
            ($"{S}:LiveConnectionsPerKey", o.LiveConnectionsPerKey > 0, "must be > 0"),
            ($"{S}:LiveConnectionsPerShipment", o.LiveConnectionsPerShipment > 0, "must be > 0"),
        ];

        var keyNames = keys.Value.ApiKeys.Select(k => k.Name ?? k.Role).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < o.Keys.Count; i++)
        {
            var entry = o.Keys[i];
            var path = $"{S}:Keys:{i}";
            if (entry.Account is { } account)
            {
                // Accounts live in the store, which is not read at start: only the id's form can be checked.
                checks.Add(($"{path}:Account", IdentifierRule.AccountId.IsValid(account), "is not an account id (the identifier rule)"));
                checks.Add(($"{path}:Name", entry.Name.Length == 0, "must be left out when Account is given"));
            }
            else
            {
                checks.Add(($"{path}:Name", keyNames.Contains(entry.Name), $"'{entry.Name}' names no key of {ApiKeyOptions.SectionName}:ApiKeys"));
            }

            checks.Add(($"{path}", o.Keys.Count(k => k.Caller == entry.Caller) == 1, $"limits '{entry.Caller}', which another entry limits too"));
            checks.Add(($"{path}:RequestsPerSecond", entry.RequestsPerSecond is null or > 0, "must be > 0"));
            checks.Add(($"{path}:RequestBurst", entry.RequestBurst is null or > 0, "must be > 0"));
            checks.Add(($"{path}:EventsPerSecond", entry.EventsPerSecond is null or > 0, "must be > 0"));
            checks.Add(($"{path}:EventBurst", entry.EventBurst is null or > 0, "must be > 0"));
        }

        for (var i = 0; i < o.TrustedProxies.Count; i++)
        {
            checks.Add(($"{S}:TrustedProxies:{i}", TrustedProxies.TryParse(o.TrustedProxies[i], out _),
                $"'{o.TrustedProxies[i]}' is neither an IP address nor a CIDR network such as 10.0.0.0/8"));
        }

        return OptionErrors.Result([.. checks]);
    }
}
