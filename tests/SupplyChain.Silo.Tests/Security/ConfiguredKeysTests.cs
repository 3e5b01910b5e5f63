using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Silo.Tests.Security.AccountClient;

namespace SupplyChain.Silo.Tests.Security;

/// <summary>
/// Keys from configuration (the bootstrap keys) in the new roles, their checks at start, and the rate
/// limits of issued keys, which go by account. Each test starts its own silo.
/// </summary>
public sealed class ConfiguredKeysTests
{
    private const string ViewerKey = "configured-viewer-key";
    private const string MetricsKey = "configured-metrics-key";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConfiguredViewerAndMetricsKeys_HaveTheirRoles()
    {
        await using var silo = await RunningSilo.StartAsync(
            "Development",
            "--SupplyChain:Auth:ApiKeys:3:Name=Ops viewer", $"--SupplyChain:Auth:ApiKeys:3:Key={ViewerKey}", "--SupplyChain:Auth:ApiKeys:3:Role=viewer",
            "--SupplyChain:Auth:ApiKeys:4:Name=Prometheus", $"--SupplyChain:Auth:ApiKeys:4:Key={MetricsKey}", "--SupplyChain:Auth:ApiKeys:4:Role=metrics");
        using var viewer = silo.Client(ViewerKey);
        using var scraper = silo.Client();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsKey);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/vehicles", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/metrics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/metrics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scraper.GetAsync("/api/vehicles", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("Role", "owner", "SupplyChain:Auth:ApiKeys:3:Role")]
    [InlineData("Account", "not an id", "SupplyChain:Auth:ApiKeys:3:Account")]
    public async Task Start_BadConfiguredKey_RefusedNamingTheKey(string setting, string value, string named)
    {
        string[] key = ["--SupplyChain:Auth:ApiKeys:3:Key=some-key", "--SupplyChain:Auth:ApiKeys:3:Role=viewer"];

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningSilo.StartAsync(
            "Development", [.. key, $"--SupplyChain:Auth:ApiKeys:3:{setting}={value}"]));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuedKeys_CountAgainstTheirAccount_TogetherAndByItsOwnLimit()
    {
        var id = NewAccountId("lim");
        await using var silo = await RunningSilo.StartAsync(
            "Development",
            $"--SupplyChain:RateLimits:Keys:2:Account={id}", "--SupplyChain:RateLimits:Keys:2:RequestsPerSecond=1",
            "--SupplyChain:RateLimits:Keys:2:RequestBurst=3");
        using var admin = silo.Client(RunningSilo.AdminKey);
        await CreateAsync(admin, id, "viewer");
        using var first = silo.Client((await IssueAsync(admin, id)).GetProperty("secret").GetString());
        using var second = silo.Client((await IssueAsync(admin, id)).GetProperty("secret").GetString());

        // The account's burst of 3 is spent by both keys together (each alone would last 3 requests,
        // 6 alternating); the refill of 1/s adds at most one in the meantime.
        HttpResponseMessage? refused = null;
        var sent = 0;
        while (refused is null && sent < 20)
        {
            var response = await (sent++ % 2 == 0 ? first : second).GetAsync("/api/vehicles", Ct);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        Assert.InRange(sent, 4, 5);
        Assert.Contains($"key '{id}'", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RateLimitForAccountWithBadId_RefusedNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningSilo.StartAsync(
            "Development", "--SupplyChain:RateLimits:Keys:2:Account=no spaces", "--SupplyChain:RateLimits:Keys:2:RequestsPerSecond=5"));

        Assert.Contains("SupplyChain:RateLimits:Keys:2:Account", error.Message, StringComparison.Ordinal);
    }
}
