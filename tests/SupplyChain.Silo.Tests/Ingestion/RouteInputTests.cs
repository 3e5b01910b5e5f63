using System.Net;
using System.Net.Sockets;
using System.Text;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Ingestion;

/// <summary>Odd ids in paths, odd bodies on the other routes, and bodies that never finish: each a 4xx with problem details.</summary>
public sealed class RouteInputTests(SiloFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Paths =>
    [
        "/api/vehicles/%20", "/api/vehicles/..%2F..%2Fetc", "/api/vehicles/caf%C3%A9", "/api/vehicles/" + new string('V', 65),
        "/api/shipments/%20", "/api/shipments/a%2Fb/events", "/api/shipments/" + new string('1', 3000), "/api/shipments/-x/live",
        "/api/geofences/%20", "/api/geofences/.hidden", "/api/subscriptions/%20", "/api/subscriptions/a%20b/deliveries",
    ];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Get_AnIdOutsideItsRule_Answers400NamingTheRule(string path)
    {
        using var client = fixture.Silo.Client(RunningSilo.AdminKey);

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("starting with a letter or digit", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"Feature\",\"properties\":{\"kind\":\"Zone\",\"na\\udc00me\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[4,51]}}", "not valid text")]
    [InlineData("{\"type\":\"Feature\",\"type\":\"Feature\",\"properties\":{\"kind\":\"Zone\",\"radiusM\":10},\"geometry\":{\"type\":\"Point\",\"coordinates\":[4,51]}}", "not valid JSON")]
    public async Task Put_ABadGeofence_Answers400(string body, string fragment)
    {
        using var client = fixture.Silo.Client(RunningSilo.AdminKey);

        var response = await client.PutAsync($"/api/geofences/{CloudEvents.NewId("fence")}", CloudEvents.Content(body, "application/geo+json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(fragment, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_APlanNamingAFieldTwice_Answers400()
    {
        using var client = fixture.Silo.Client(RunningSilo.CarrierKey);
        var body = "{\"destinationRadiusM\":300,\"destinationRadiusM\":-1}";

        var response = await client.PutAsync($"/api/shipments/{CloudEvents.NewId("PLAN")}", CloudEvents.Content(body, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("destinationRadiusM", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>A live feed's client asks only for text/event-stream; refused, it still gets its status and the problem.</summary>
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(RunningSilo.CarrierKey, HttpStatusCode.Forbidden)]
    public async Task Get_TheOpsFeedRefused_ToAnEventStreamClient_AnswersProblemDetails(string? key, HttpStatusCode status)
    {
        using var client = fixture.Silo.Client(key);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ops/live");
        request.Headers.Accept.ParseAdd("text/event-stream");

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A body that stops arriving half-way: Kestrel's minimum data rate gives up on it, and the answer says so.</summary>
    [Fact]
    public async Task Post_ABodyThatStopsArriving_Answers408_NotA500()
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(fixture.Silo.Address.Host, fixture.Silo.Address.Port, Ct);
        var stream = socket.GetStream();
        var head = "POST /api/events HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: dev-carrier\r\n"
            + "Content-Type: application/cloudevents+json\r\nContent-Length: 100000\r\n\r\n{\"specversion\":\"1.0\",";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);

        var answer = new StringBuilder();
        var buffer = new byte[4096];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        int read;
        while (!answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
        {
            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Assert.StartsWith("HTTP/1.1 408", answer.ToString(), StringComparison.Ordinal);
    }
}
