using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupplyChain.Ingestion.Batching;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Health;

public sealed partial class HostTests(SiloFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_RunningSilo_Healthy(string path)
    {
        var response = await fixture.Silo.Client().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.Json()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_ListsEveryResource()
    {
        var document = await (await fixture.Silo.Client().GetAsync("/openapi/v1.json", Ct)).Json();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/events", paths);
        Assert.Contains("/api/shipments/{trackingNumber}", paths);
        Assert.Contains("/api/shipments/{trackingNumber}/events", paths);
        Assert.Contains("/api/vehicles/{vehicleId}", paths);
        Assert.Contains("/api/vehicles", paths);
    }

    [Fact]
    public async Task OpenApi_KeepsToTheApi_EveryApiRouteAndNoDashboardRoute()
    {
        var document = await (await fixture.Silo.Client().GetAsync("/openapi/v1.json", Ct)).Json();
        var documented = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        // The application's own /api routes, as OpenAPI writes them (route constraints dropped).
        var routes = fixture.Silo.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal))
            .Select(r => RouteConstraint().Replace(r, "}").TrimEnd('/'))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(routes);
        Assert.Empty(routes.Except(documented));
        Assert.DoesNotContain(documented, p => p.StartsWith(TelemetryExtensions.DashboardPath, StringComparison.OrdinalIgnoreCase));
        Assert.All(documented, p => Assert.StartsWith("/api/", p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dev-carrier")]
    [InlineData("dev-admin")]
    public async Task Start_OutsideDevelopmentWithDevKey_Refused(string devKey)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningSilo.StartAsync(
            "Production", "--SupplyChain:Auth:ApiKeys:0:Key=" + devKey, "--SupplyChain:Auth:ApiKeys:0:Role=carrier"));

        Assert.Contains(devKey, error.Message, StringComparison.Ordinal);
        Assert.Contains("Development", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SupplyChain:Streams:Partitions", "0")]
    [InlineData("SupplyChain:Tracking:VehicleCheckpointInterval", "00:00:00.5")]
    [InlineData("SupplyChain:Tracking:VehicleIdleTimeout", "00:01:30")]
    [InlineData("SupplyChain:Streams:MaxDeliveryRetryDelay", "00:00:00.5")]
    [InlineData("SupplyChain:Health:PartitionLagThreshold", "00:00:00")]
    [InlineData("SupplyChain:DeadLetters:MaxAttempts", "0")]
    public async Task Start_BadSetting_RefusedNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningSilo.StartAsync(
            "Development", $"--{key}={value}"));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WhenStreamsNoLongerTakeEvents_ServiceUnavailableWithRetryAfter()
    {
        await using var silo = await RunningSilo.StartAsync();
        await ((IAsyncDisposable)silo.App.Services.GetRequiredService<IInboundEventSink>()).DisposeAsync();

        var response = await silo.Client(RunningSilo.CarrierKey).PostAsync("/api/events", Structured(Scan(NewId("SHD"), "PickedUp")), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex(@":[^}]*\}")]
    private static partial Regex RouteConstraint();
}
