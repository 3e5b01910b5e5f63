using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Shipments;

/// <summary>
/// A carrier that requires tracking tokens: its consignees' links carry an unguessable token, and a
/// bare tracking number reads as unknown, so numbers cannot be enumerated.
/// </summary>
public sealed class TrackingTokenTests(TrackingTokenTests.TokenSilo fixture) : IClassFixture<TrackingTokenTests.TokenSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient _owner = fixture.Silo.Client(RunningSilo.CarrierKey);
    private readonly HttpClient _otherCarrier = fixture.Silo.Client(RunningSilo.AcmeKey);
    private readonly HttpClient _anonymous = fixture.Silo.Client();

    [Fact]
    public async Task Owner_GetsTheLinkWithItsToken_AndTheConsigneeReadsOnlyWithIt()
    {
        var (tn, link) = await PlannedShipment();

        Assert.StartsWith($"/track/{tn}?token=", link);
        var token = link[(link.IndexOf('=') + 1)..];
        Assert.True(token.Length >= 22, "128 bits of token");

        var withToken = await _anonymous.GetAsync($"/api/shipments/{tn}?token={token}", Ct);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        var consignee = await withToken.Json();
        Assert.False(consignee.TryGetProperty("trackingLink", out _), "the consignee's view carries no link");
        Assert.False(consignee.TryGetProperty("account", out _), "the consignee's view names no account");
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync($"/api/shipments/{tn}/events?token={token}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _otherCarrier.GetAsync($"/api/shipments/{tn}?token={token}", Ct)).StatusCode);
    }

    [Fact]
    public async Task WithoutTheToken_TheShipmentReadsAsUnknown()
    {
        var (tn, link) = await PlannedShipment();
        var token = link[(link.IndexOf('=') + 1)..];
        var unknown = await _anonymous.GetAsync($"/api/shipments/{NewId("TOK")}", Ct);

        string[] paths =
        [
            $"/api/shipments/{tn}", $"/api/shipments/{tn}?token=", $"/api/shipments/{tn}?token=wrong",
            $"/api/shipments/{tn}?token={token[..^1]}", $"/api/shipments/{tn}?token={new string('x', 1_000)}",
            $"/api/shipments/{tn}/events", $"/api/shipments/{tn}/live",
        ];
        foreach (var path in paths)
        {
            var response = await _anonymous.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.Equal(
                (await unknown.Json()).GetProperty("title").GetString(),
                (await response.Json()).GetProperty("title").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _otherCarrier.GetAsync($"/api/shipments/{tn}", Ct)).StatusCode);
    }

    [Fact]
    public async Task LiveFeed_WithTheToken_Streams()
    {
        var (tn, link) = await PlannedShipment();
        var token = link[(link.IndexOf('=') + 1)..];

        using var response = await _anonymous.GetAsync($"/api/shipments/{tn}/live?token={token}", HttpCompletionOption.ResponseHeadersRead, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheLink_StaysTheSame_ForTheShipmentsLife()
    {
        var (tn, link) = await PlannedShipment();

        Assert.Equal(HttpStatusCode.Accepted, (await _owner.PostAsync("/api/events", Structured(Scan(tn, "PickedUp")), Ct)).StatusCode);
        var again = await (await _owner.GetAsync($"/api/shipments/{tn}", Ct)).Json();

        Assert.Equal(link, again.GetProperty("trackingLink").GetString());
        Assert.Equal("dev-carrier", again.GetProperty("account").GetString());
    }

    private async Task<(string TrackingNumber, string Link)> PlannedShipment()
    {
        var tn = NewId("TOK");
        var response = await _owner.PutAsJsonAsync($"/api/shipments/{tn}", new
        {
            origin = new { lat = 51.92, lon = 4.48 },
            destination = new { lat = 51.43, lon = 6.76 },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Json();
        return (tn, body.GetProperty("trackingLink").GetString()!);
    }

    /// <summary>A silo whose carriers require tracking tokens.</summary>
    public sealed class TokenSilo : SiloFixture
    {
        protected override string[] Args => ["--SupplyChain:Privacy:RequireTrackingToken=true"];
    }
}
