using Microsoft.Extensions.Options;
using SupplyChain.Domain.Identifiers;

namespace SupplyChain.Silo.Security;

/// <summary>
/// Stops the silo at start on a bad key list, and outside Development on any of the development
/// keys, which are public knowledge.
/// </summary>
internal sealed class ApiKeyOptionsValidator(IHostEnvironment environment) : IValidateOptions<ApiKeyOptions>
{
    /// <summary>The keys the contract hands out in Development.</summary>
    internal static readonly string[] DevelopmentKeys = ["dev-carrier", "dev-admin"];

    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var path = $"{ApiKeyOptions.SectionName}:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Key))
            {
                errors.Add($"{path}:Key is empty.");
            }

            if (!Roles.All.Contains(key.Role, StringComparer.Ordinal))
            {
                errors.Add($"{path}:Role '{key.Role}' is not one of {string.Join(", ", Roles.All.Select(r => $"'{r}'"))}.");
            }

            if (key.Account is not null && IdentifierRule.AccountId.Problem(key.Account, $"{path}:Account") is { } badAccount)
            {
                errors.Add(badAccount);
            }

            if (!environment.IsDevelopment() && DevelopmentKeys.Contains(key.Key, StringComparer.Ordinal))
            {
                errors.Add($"{path}:Key is the development key '{key.Key}', which must not be configured outside Development (environment '{environment.EnvironmentName}').");
            }
        }

        var duplicates = options.ApiKeys.GroupBy(k => k.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add($"{ApiKeyOptions.SectionName}:ApiKeys lists the same key more than once.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
