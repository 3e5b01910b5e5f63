using System.Diagnostics;
using SupplyChain.Grains.Telemetry;

namespace SupplyChain.Grains.Tests.Telemetry;

public sealed class HandlingSpanTests : IDisposable
{
    private const string First = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private const string Second = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == TrackingTelemetry.Name,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public HandlingSpanTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void EachEventContinuesItsOwnTrace_WhenParentsRepeatAndAlternate()
    {
        // Runs of one parent are parsed once; a change of parent, or of state, must not reuse the last.
        string?[][] parents = [[First, null], [First, null], [Second, null], [First, null], [First, "vendor=1"], [First, null]];
        foreach (var parent in parents)
        {
            using var span = TrackingTelemetry.StartHandling("SupplyChain.GpsPing", parent[0], parent[1]);
            var expected = ActivityContext.Parse(parent[0]!, parent[1]);
            Assert.NotNull(span);
            Assert.Equal(expected.TraceId, span.TraceId);
            Assert.Equal(expected.SpanId, span.ParentSpanId);
            Assert.Equal(parent[1], span.TraceStateString);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-traceparent")]
    public void WithoutAValidParent_StartsANewTrace(string? traceParent)
    {
        using (TrackingTelemetry.StartHandling("SupplyChain.GpsPing", First, null))
        {
        }

        using var span = TrackingTelemetry.StartHandling("SupplyChain.GpsPing", traceParent, null);
        Assert.NotNull(span);
        Assert.Equal(default, span.ParentSpanId);
        Assert.NotEqual(ActivityContext.Parse(First, null).TraceId, span.TraceId);
    }
}
