using System.Net;
using System.Net.Http.Json;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Webhooks;

/// <summary>Creating subscriptions and reading their state through the API.</summary>
public static class Subscriptions
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates a subscription; returns its id and secret.</summary>
    public static async Task<(string Id, string Secret)> Create(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/subscriptions", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        var json = await response.Json();
        return (json.GetProperty("id").GetString()!, json.GetProperty("secret").GetString()!);
    }

    public static async Task<System.Text.Json.JsonElement> Get(HttpClient client, string id) =>
        await (await client.GetAsync($"/api/subscriptions/{id}", Ct)).Json();

    public static async Task<System.Text.Json.JsonElement[]> Deliveries(HttpClient client, string id) =>
        [.. (await (await client.GetAsync($"/api/subscriptions/{id}/deliveries", Ct)).Json()).EnumerateArray()];

    public static async Task<System.Text.Json.JsonElement[]> DeadLetters(HttpClient client, string id) =>
        [.. (await (await client.GetAsync($"/api/subscriptions/{id}/dead-letters", Ct)).Json()).EnumerateArray()];

    /// <summary>Posts scans (structured mode, one request each, in order) and checks each is accepted.</summary>
    public static async Task PostEvents(HttpClient carrier, params System.Text.Json.Nodes.JsonNode[] events)
    {
        foreach (var e in events)
        {
            var response = await carrier.PostAsync("/api/events", CloudEvents.Structured(e), Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }
}
