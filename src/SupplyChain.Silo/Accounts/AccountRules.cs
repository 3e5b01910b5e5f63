using SupplyChain.Domain.Identifiers;
using SupplyChain.Ingestion.Validation;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Accounts;

/// <summary>
/// What the accounts API accepts, field by field. Each check adds its complaint under the field's
/// JSON name, so a 400 names every bad field at once. Values are never echoed: they may be huge.
/// </summary>
internal static class AccountRules
{
    /// <summary>Most characters of a display name.</summary>
    public const int MaxDisplayNameLength = 100;

    /// <summary>Most source prefixes of one account.</summary>
    public const int MaxSources = 32;

    /// <summary>The furthest ahead a key's expiry may be.</summary>
    public static readonly TimeSpan MaxKeyLifetime = TimeSpan.FromDays(3 * 366);

    public static void CheckId(string? id, Dictionary<string, string[]> errors) =>
        Add(errors, "id", IdentifierRule.AccountId.Problem(id, "id"));

    public static void CheckDisplayName(string? name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Add(errors, "displayName", "displayName is required.");
        }
        else if (name.Length > MaxDisplayNameLength)
        {
            Add(errors, "displayName", $"displayName has {name.Length} characters; at most {MaxDisplayNameLength} are allowed.");
        }
        else if (name.Any(char.IsControl))
        {
            Add(errors, "displayName", "displayName may not hold control characters.");
        }
    }

    public static void CheckRole(string? role, Dictionary<string, string[]> errors)
    {
        if (!Roles.All.Contains(role, StringComparer.Ordinal))
        {
            Add(errors, "role", $"role must be one of {string.Join(", ", Roles.All.Select(r => $"'{r}'"))}.");
        }
    }

    /// <summary>Sources are a carrier's: other roles post for any source (admin) or none (viewer, metrics).</summary>
    public static void CheckSources(string? role, List<string>? sources, Dictionary<string, string[]> errors)
    {
        if (sources is not { Count: > 0 })
        {
            return;
        }

        if (role != Roles.Carrier)
        {
            Add(errors, "sources", $"sources are for the '{Roles.Carrier}' role only.");
            return;
        }

        if (sources.Count > MaxSources)
        {
            Add(errors, "sources", $"sources has {sources.Count} entries; at most {MaxSources} are allowed.");
            return;
        }

        var problems = new List<string>();
        for (var i = 0; i < sources.Count; i++)
        {
            if (string.IsNullOrEmpty(sources[i]))
            {
                problems.Add($"sources[{i}] is empty.");
            }
            else if (sources[i] != "*" && EventSourceRule.Problem(sources[i]) is { } problem)
            {
                problems.Add($"sources[{i}]: {problem}");
            }
        }

        if (problems.Count > 0)
        {
            errors["sources"] = [.. problems];
        }
    }

    public static void CheckExpiry(DateTimeOffset? expiresAt, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (expiresAt is not { } expiry)
        {
            return;
        }

        if (expiry <= now)
        {
            Add(errors, "expiresAt", "expiresAt must be in the future.");
        }
        else if (expiry - now > MaxKeyLifetime)
        {
            Add(errors, "expiresAt", $"expiresAt may be at most {MaxKeyLifetime.TotalDays:0} days ahead; issue a new key before then.");
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = [problem];
        }
    }
}
