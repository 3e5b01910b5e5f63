using System.Net;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Audit;

/// <summary>Reads <c>GET /api/audit</c> as an admin, polling for records the asynchronous flush has yet to store.</summary>
public static class AuditReader
{
    public static async Task<(JsonElement[] Records, string? Continuation)> Page(HttpClient admin, string query)
    {
        using var response = await admin.GetAsync("/api/audit?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Json();
        var continuation = body.GetProperty("continuation");
        return ([.. body.GetProperty("records").EnumerateArray()],
            continuation.ValueKind == JsonValueKind.Null ? null : continuation.GetString());
    }

    /// <summary>The records of <paramref name="query"/> once <paramref name="done"/> holds for them.</summary>
    public static async Task<JsonElement[]> Until(HttpClient admin, string query, Func<JsonElement[], bool> done, string what) =>
        await Eventually.Until(async () => (await Page(admin, query)).Records, done, what);

    /// <summary>The one record of <paramref name="query"/>, once it is stored.</summary>
    public static async Task<JsonElement> OneRecord(HttpClient admin, string query, string what) =>
        (await Until(admin, query, r => r.Length == 1, what))[0];

    public static string? Text(this JsonElement record, string name) =>
        record.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
