using System.Net;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Silo.Tests.Audit.AuditReader;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Audit;

/// <summary>An event post's audit record names its sources, its event count and its outcome, refused or accepted.</summary>
public sealed class EventPostAuditTests(SiloFixture fixture)
{
    private const string AcmeAccount = "Acme test carrier";
    private readonly HttpClient _carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
    private readonly HttpClient _acme = fixture.Silo.Client(RunningSilo.AcmeKey);
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private readonly HttpClient _anonymous = fixture.Silo.Client();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ForeignWrite_Refused_RecordNamesSourceAccountKeyAndOutcome()
    {
        var truck = NewId("AUDFOREIGN");
        Assert.Equal(HttpStatusCode.Accepted,
            (await _carrier.PostAsync("/api/events", Structured(Ping(truck, 51.9, 4.4, source: "/carriers/dev/" + truck)), Ct)).StatusCode);
        var source = RunningSilo.AcmeSourcePrefix + "audit/" + truck;

        using var refused = await _acme.PostAsync("/api/events", Structured(Ping(truck, 52.5, 5.5, time: Now.AddMinutes(-10), source: source)), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var record = await RecordNaming(source, AcmeAccount);
        Assert.Equal(403, record.GetProperty("status").GetInt32());
        Assert.Equal("not_owner", record.Text("outcome"));
        Assert.Equal(AcmeAccount, record.Text("account"));
        Assert.Equal("cfg-2", record.Text("key"));
        Assert.Equal("carrier", record.Text("role"));
        Assert.Equal([source], Sources(record));
        Assert.Equal(1, record.GetProperty("sourceCount").GetInt32());
        Assert.Equal(1, record.GetProperty("events").GetInt64());
        Assert.Equal(1, record.GetProperty("requests").GetInt32());
    }

    [Fact]
    public async Task SourceNotAllowed_Refused_RecordNamesTheSource()
    {
        var source = "/carriers/beta/audit/" + NewId("notmine");

        using var refused = await _acme.PostAsync("/api/events", Structured(Ping(NewId("AUDV"), 51.9, 4.4, source: source)), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var record = await RecordNaming(source, AcmeAccount);
        Assert.Equal("source_not_allowed", record.Text("outcome"));
        Assert.Equal("cfg-2", record.Text("key"));
        Assert.Equal(1, record.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task InvalidBatch_OfManySources_RecordKeepsFiveAndCountsAll()
    {
        var feed = RunningSilo.AcmeSourcePrefix + "audit/" + NewId("many") + "/";
        var sources = Enumerable.Range(0, 7).Select(i => feed + i).ToArray();
        var events = sources.Select((s, i) => Ping(NewId("AUDV"), i == 3 ? 200 : 51.9, 4.4, source: s)).ToArray();

        using var refused = await _acme.PostAsync("/api/events", Batch(events), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var record = await RecordNaming(sources[0], AcmeAccount);
        Assert.Equal("invalid", record.Text("outcome"));
        Assert.Equal(sources[..5], Sources(record));
        Assert.Equal(7, record.GetProperty("sourceCount").GetInt32());
        Assert.Equal(7, record.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task RefusedBeforeTheBodyIsRead_RecordNamesTheHeadersSource_WithoutACount()
    {
        var anonymousSource = RunningSilo.AcmeSourcePrefix + "audit/" + NewId("nokey");
        var wrongTypeSource = RunningSilo.AcmeSourcePrefix + "audit/" + NewId("wrongtype");

        using var noKey = await _anonymous.SendAsync(Binary(anonymousSource, "application/json"), Ct);
        using var wrongType = await _acme.SendAsync(Binary(wrongTypeSource, "text/plain"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        var anonymous = await RecordNaming(anonymousSource, account: null);
        Assert.Equal("unauthenticated", anonymous.Text("outcome"));
        Assert.Equal("anonymous", anonymous.Text("role"));
        Assert.Null(anonymous.Text("account"));
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("events").ValueKind);
        var unsupported = await RecordNaming(wrongTypeSource, AcmeAccount);
        Assert.Equal("unsupported_media_type", unsupported.Text("outcome"));
        Assert.Equal(415, unsupported.GetProperty("status").GetInt32());
        Assert.Equal("cfg-2", unsupported.Text("key"));
        Assert.Equal(JsonValueKind.Null, unsupported.GetProperty("events").ValueKind);
    }

    [Fact]
    public async Task Accepted_RecordSaysAccepted()
    {
        var source = RunningSilo.AcmeSourcePrefix + "audit/" + NewId("ok");

        using var accepted = await _acme.PostAsync("/api/events", Structured(Ping(NewId("AUDV"), 51.9, 4.4, source: source)), Ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var record = await RecordNaming(source, AcmeAccount);
        Assert.Equal("accepted", record.Text("outcome"));
        Assert.Equal(1, record.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task OtherWrites_HaveNoOutcome()
    {
        var id = NewId("audnooutcome");
        using var deleted = await _admin.DeleteAsync($"/api/geofences/{id}", Ct);

        var record = await OneRecord(_admin, $"target={id}", "the delete's record");

        Assert.Equal(JsonValueKind.Null, record.GetProperty("outcome").ValueKind);
        Assert.Equal(JsonValueKind.Null, record.GetProperty("sources").ValueKind);
    }

    private static HttpRequestMessage Binary(string source, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = Content("""{"vehicleId":"AUD-BIN","lat":51.9,"lon":4.4}""", contentType),
        };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", Guid.NewGuid().ToString("N"));
        request.Headers.Add("ce-source", source);
        request.Headers.Add("ce-type", "SupplyChain.GpsPing");
        request.Headers.Add("ce-time", Now.AddMinutes(-5).ToString("O"));
        return request;
    }

    private async Task<JsonElement> RecordNaming(string source, string? account)
    {
        var query = "action=events.post&limit=1000" + (account is null ? "" : "&account=" + Uri.EscapeDataString(account));
        var records = await Until(_admin, query, r => r.Any(Names), $"the record naming {source}");
        return Assert.Single(records, Names);

        bool Names(JsonElement r) => r.GetProperty("sources") is { ValueKind: JsonValueKind.Array } s
            && s.EnumerateArray().Any(x => x.GetString() == source);
    }

    private static string?[] Sources(JsonElement record) => [.. record.GetProperty("sources").EnumerateArray().Select(s => s.GetString())];
}
