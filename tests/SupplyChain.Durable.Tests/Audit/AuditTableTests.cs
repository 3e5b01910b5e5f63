using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using SupplyChain.Durable.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Durable.Tests.Audit;

/// <summary>
/// In Durable mode audit records go to the AuditLog Azure table: the records buffered when a silo
/// stops are written on its way down, survive the restart, and are read and paged from the table.
/// </summary>
public sealed class AuditTableTests : IAsyncLifetime
{
    private static readonly string Square = GeoJson.Box(4.0, 51.8, 4.2, 51.9);

    private Azurite _azurite = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task Records_WrittenOnStop_SurviveRestart_ReadAndPagedFromTheTable()
    {
        // A flush interval longer than the test: only the flush on shutdown can store these records.
        await using var silo = await SiloProcess.StartAsync("silo", _azurite.ConnectionString, "audit", "--SupplyChain:Audit:FlushInterval=00:01:00");
        var fence = NewKey("AUDF").ToLowerInvariant();
        var tn = NewKey("AUDT");
        using (var admin = silo.Client(SiloProcess.AdminKey))
        using (var carrier = silo.Client(SiloProcess.CarrierKey))
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync($"/api/geofences/{fence}", Geo(Square), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/geofences/{fence}", Geo(Square), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/geofences/{fence}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await carrier.DeleteAsync($"/api/geofences/{tn}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await carrier.PostAsync("/api/events", new StringContent(
                $$$"""{"specversion":"1.0","id":"1","source":"/carriers/audit/{{{tn}}}","type":"SupplyChain.GpsPing","time":"2026-12-01T10:00:00Z","data":{"vehicleId":"{{{tn}}}","lat":200,"lon":4}}""",
                Encoding.UTF8, "application/cloudevents+json"), Ct)).StatusCode);
        }

        await silo.StopAsync();
        await silo.StartAsync();

        using var reader = silo.Client(SiloProcess.AdminKey);
        var first = await Page(reader, $"target={fence}&limit=2");
        Assert.Equal(["geofence.delete", "geofence.put"], first.Records.Select(r => r.GetProperty("action").GetString()));
        Assert.Equal([204, 200], first.Records.Select(r => r.GetProperty("status").GetInt32()));
        Assert.NotNull(first.Continuation);
        var second = await Page(reader, $"target={fence}&limit=2&continuation={first.Continuation}");
        var created = Assert.Single(second.Records);
        Assert.Equal(201, created.GetProperty("status").GetInt32());
        Assert.Null(second.Continuation);
        var refused = Assert.Single((await Page(reader, $"target={tn}")).Records);
        Assert.Equal(403, refused.GetProperty("status").GetInt32());
        Assert.Equal("dev-carrier", refused.GetProperty("account").GetString());
        Assert.Single((await Page(reader, $"target={fence}&account=ops&action=geofence.delete")).Records);
        var post = Assert.Single((await Page(reader, "action=events.post&account=dev-carrier")).Records);
        Assert.Equal("invalid", post.GetProperty("outcome").GetString());
        Assert.Equal([$"/carriers/audit/{tn}"], post.GetProperty("sources").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(1, post.GetProperty("events").GetInt64());

        // The rows themselves: one partition per service and hour, newest first by row key.
        var table = _azurite.Tables.GetTableClient("AuditLog");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Target eq {fence}"), cancellationToken: Ct))
        {
            rows.Add(row);
        }

        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            var at = row.GetDateTimeOffset("At")!.Value.UtcDateTime;
            var hour = long.Parse(at.ToString("yyyyMMddHH", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            Assert.Equal($"supplychain-{9_999_999_999 - hour:D10}", row.PartitionKey);
            Assert.Equal("ops", row.GetString("Account"));
            Assert.Equal("cfg-1", row.GetString("Key"));
        }

        Assert.Equal(
            [first.Records[0].GetProperty("id").GetString(), first.Records[1].GetProperty("id").GetString(), created.GetProperty("id").GetString()],
            rows.Select(r => r.RowKey));
    }

    private static StringContent Geo(string feature) => new(feature, Encoding.UTF8, "application/geo+json");

    private static async Task<(JsonElement[] Records, string? Continuation)> Page(HttpClient admin, string query)
    {
        using var response = await admin.GetAsync("/api/audit?" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var continuation = body.RootElement.GetProperty("continuation");
        return ([.. body.RootElement.GetProperty("records").EnumerateArray().Select(r => r.Clone())],
            continuation.ValueKind == JsonValueKind.Null ? null : continuation.GetString());
    }
}
