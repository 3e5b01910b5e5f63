using System.Net;
using System.Text.Json.Nodes;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Cluster;

/// <summary>Storage goes away and comes back under a running silo.</summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task StorageDown_IngestionAndPlans503WithRetryAfter_ThenResumesWithoutRestartOrLoss()
    {
        await using var silo = await SiloProcess.StartAsync("silo", _azurite.ConnectionString, "outage");
        using var client = silo.Client(SiloProcess.CarrierKey);
        var before = Enumerable.Range(0, 20).Select(_ => NewKey("OUTB")).ToList();
        await PostAccepted(client, [.. before.Select(tn => Scan(tn, "PickedUp", T0))]);

        // Accepted a moment ago, possibly still in the queue when storage goes.
        await _azurite.StopAsync();

        var during = NewKey("OUTD");
        JsonNode[] retried = [Scan(during, "PickedUp", T0)];
        for (var i = 0; i < 5; i++)
        {
            using var refused = await client.PostAsync("/api/events", Batch(retried), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        // A plan is written to grain storage too: the caller is told to come back, not that the platform broke.
        var plan = new StringContent(
            """{"origin":{"lat":51.92,"lon":4.48},"destination":{"lat":51.43,"lon":6.76}}""", System.Text.Encoding.UTF8, "application/json");
        using (var planRefused = await client.PutAsync($"/api/shipments/{NewKey("OUTP")}", plan, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, planRefused.StatusCode);
            Assert.NotNull(planRefused.Headers.RetryAfter);
            Assert.Equal("application/problem+json", planRefused.Content.Headers.ContentType?.MediaType);
        }

        using (var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var report = await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var checks = JsonNode.Parse(report)!["checks"]!;
            Assert.Equal("Unhealthy", checks["azure-blob"]!["status"]!.GetValue<string>());
            Assert.Equal("Unhealthy", checks["azure-queue"]!["status"]!.GetValue<string>());
        }

        await _azurite.RestartAsync();

        // The same request, retried as a client honouring Retry-After would: never a 500, then a 202.
        await Eventually.True(
            async () =>
            {
                using var answer = await client.PostAsync("/api/events", Batch(retried), TestContext.Current.CancellationToken);
                Assert.True(answer.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"answered {answer.StatusCode}");
                return answer.StatusCode == HttpStatusCode.Accepted;
            },
            "ingestion to accept again",
            TimeSpan.FromSeconds(60));
        await silo.WaitReadyAsync();

        foreach (var tn in before.Append(during))
        {
            var view = await Eventually.Until(
                () => GetJson(client, $"/api/shipments/{tn}"),
                v => v is { } s && s.GetProperty("milestones").GetArrayLength() == 1,
                $"{tn}'s scan", TimeSpan.FromSeconds(60));
            Assert.Equal("InTransit", view!.Value.GetProperty("status").GetString());
        }
    }
}
