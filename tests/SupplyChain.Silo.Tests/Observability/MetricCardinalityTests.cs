using System.Diagnostics.Metrics;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Tests.Observability;

/// <summary>
/// Which instruments keep OpenTelemetry's 2,000 tag sets and which get the smaller limit that saves
/// the framework's empty, pre-allocated points.
/// </summary>
public sealed class MetricCardinalityTests
{
    [Theory]
    [InlineData("SupplyChain.Tracking", "supplychain.partition.lag", true)]
    [InlineData("SupplyChain.Ingestion", "supplychain.events.accepted", true)]
    [InlineData("Microsoft.AspNetCore.Hosting", "http.server.request.duration", true)]
    [InlineData("System.Net.Http", "http.client.request.duration", true)]
    [InlineData("Microsoft.Orleans", "orleans-grains", false)]
    [InlineData("Microsoft.Orleans", "orleans-messaging-sent-messages-size", false)]
    [InlineData("System.Runtime", "dotnet.gc.collections", false)]
    public void KeepsDefaultCardinality_OursAndHttpOnly(string meter, string instrument, bool keeps)
    {
        using var owner = new Meter(meter);

        Assert.Equal(keeps, TelemetryExtensions.KeepsDefaultCardinality(owner.CreateCounter<long>(instrument)));
    }
}
