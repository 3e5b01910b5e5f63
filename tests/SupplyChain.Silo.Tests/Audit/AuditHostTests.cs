using System.Net;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Silo.Tests.Audit.AuditReader;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Audit;

/// <summary>The audit's settings are checked at start, and its client address is the rate limits' one.</summary>
public sealed class AuditHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("SupplyChain:Audit:FlushInterval", "00:00:00")]
    [InlineData("SupplyChain:Audit:FlushInterval", "00:10:00")]
    [InlineData("SupplyChain:Audit:BufferCapacity", "99")]
    [InlineData("SupplyChain:Audit:MemoryCapacity", "0")]
    public async Task Start_BadSetting_RefusedNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningSilo.StartAsync("Development", $"--{key}={value}"));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BehindTrustedProxy_ClientAddressFromForwardedFor()
    {
        await using var silo = await RunningSilo.StartAsync("Development", "--SupplyChain:RateLimits:TrustedProxies:0=127.0.0.1");
        using var admin = silo.Client(RunningSilo.AdminKey);
        var id = NewId("audproxy");

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/geofences/{id}");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7, 203.0.113.9");
        using var response = await admin.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var record = await OneRecord(admin, $"target={id}", "the proxied request's record");
        Assert.Equal("203.0.113.9", record.Text("clientAddress"));
        Assert.Equal(404, record.GetProperty("status").GetInt32());
    }
}
