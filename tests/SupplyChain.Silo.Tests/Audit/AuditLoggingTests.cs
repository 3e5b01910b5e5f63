using System.Net;
using Microsoft.Extensions.Logging;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Audit;

/// <summary>Every audit record is also a structured Information line under the SupplyChain.Audit category.</summary>
public sealed class AuditLoggingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_LoggedWithTheRecordsFields()
    {
        var logs = new CapturedLogs("SupplyChain.Audit");
        await using var silo = await RunningSilo.StartAsync("Development", b => b.Logging.AddProvider(logs), "--Logging:LogLevel:SupplyChain.Audit=Information");
        using var admin = silo.Client(RunningSilo.AdminKey);
        var id = NewId("audlog");

        using var put = await admin.PutAsync($"/api/geofences/{id}", Content(GeoJson.Circle(51.9, 4.4, 50, "Depot"), "application/geo+json"), Ct);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/geofences/{id}", Ct)).StatusCode);

        var line = await Eventually.Until(
            () => Task.FromResult(logs.Lines.FirstOrDefault(l => Equals(l.Fields.GetValueOrDefault("Target"), id))),
            l => l.Fields is not null, "the audit log line");
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("geofence.put", line.Fields["Action"]);
        Assert.Equal(201, line.Fields["Status"]);
        Assert.Equal("ops", line.Fields["Account"]);
        Assert.Equal("cfg-1", line.Fields["Key"]);
        Assert.Equal("admin", line.Fields["Role"]);
        Assert.Equal("127.0.0.1", line.Fields["ClientAddress"]);
        Assert.NotNull(line.Fields["TraceId"]);
        Assert.Single(logs.Lines, l => Equals(l.Fields.GetValueOrDefault("Target"), id));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains(RunningSilo.AdminKey, StringComparison.Ordinal));
    }
}
