using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupplyChain.Silo.Tests.Security;

/// <summary>What the tests do with the accounts API, as an admin would with curl.</summary>
public static class AccountClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh account id, so tests sharing a silo never meet.</summary>
    public static string NewAccountId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Makes an account; fails the test unless the silo answers 201.</summary>
    public static async Task<JsonElement> CreateAsync(HttpClient admin, string id, string role, params string[] sources)
    {
        var body = new JsonObject { ["id"] = id, ["displayName"] = $"Test {role} {id}", ["role"] = role };
        if (sources.Length > 0)
        {
            body["sources"] = new JsonArray([.. sources.Select(s => JsonValue.Create(s))]);
        }

        using var response = await admin.PostAsJsonAsync("/api/accounts", body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Issues a key; returns the whole answer (with the secret) or fails the test unless it is 201.</summary>
    public static async Task<JsonElement> IssueAsync(HttpClient admin, string accountId, DateTimeOffset? expiresAt = null)
    {
        using var response = await IssueResponseAsync(admin, accountId, expiresAt);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static Task<HttpResponseMessage> IssueResponseAsync(HttpClient admin, string accountId, DateTimeOffset? expiresAt = null) =>
        expiresAt is { } expiry
            ? admin.PostAsJsonAsync($"/api/accounts/{accountId}/keys", new { expiresAt = expiry }, Ct)
            : admin.PostAsync($"/api/accounts/{accountId}/keys", content: null, Ct);

    /// <summary>A carrier account with one key for <paramref name="sources"/>; returns the key's secret.</summary>
    public static async Task<string> KeyForNewAccountAsync(HttpClient admin, string role, params string[] sources)
    {
        var id = NewAccountId(role);
        await CreateAsync(admin, id, role, sources);
        return (await IssueAsync(admin, id)).GetProperty("secret").GetString()!;
    }

    /// <summary>The problem's <c>errors</c> member names (the fields a 400 complains about).</summary>
    public static async Task<string[]> ProblemFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
    }
}
