using System.Diagnostics.Metrics;
using Orleans.Dashboard;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SupplyChain.Grains.Telemetry;
using SupplyChain.Ingestion;
using SupplyChain.Silo.Audit;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics (ours, Orleans', ASP.NET Core's, HttpClient's, the runtime's),
/// the Prometheus scrape endpoint, OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and
/// the Orleans dashboard. Logs carry the trace and span ids.
/// </summary>
internal static class TelemetryExtensions
{
    /// <summary>The Prometheus scrape path (a metrics or admin key: <c>X-Api-Key</c> or <c>Authorization: Bearer</c>).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Where the Orleans dashboard is served (an admin or viewer key; browsers get a Basic prompt).</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>Setting that turns tracing off (metrics stay): <c>SupplyChain:Telemetry:Tracing=false</c>.</summary>
    public const string TracingKey = "SupplyChain:Telemetry:Tracing";

    /// <summary>
    /// Setting that adds Orleans' own span per grain call and carries trace context in every call
    /// (<c>SupplyChain:Telemetry:GrainCallSpans=true</c>). Off by default: a ping makes several grain
    /// calls, and a span for each costs more than the rest of the ping's handling (docs/benchmarks.md);
    /// events carry their trace context through the stream and the grains without it.
    /// </summary>
    public const string GrainCallSpansKey = "SupplyChain:Telemetry:GrainCallSpans";

    /// <summary>
    /// Setting that leaves the Orleans dashboard out (<c>SupplyChain:Telemetry:Dashboard=false</c>; on by
    /// default). Whether anyone looks or not, the dashboard collects every Orleans instrument each second
    /// with a metric reader of its own and wraps every grain call in a filter: a cost a cluster watched
    /// through Prometheus need not pay (docs/benchmarks.md).
    /// </summary>
    public const string DashboardKey = "SupplyChain:Telemetry:Dashboard";

    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// Tag sets kept per instrument of Orleans and the runtime (OpenTelemetry's default is 2,000). The
    /// SDK allocates every instrument's points up front: with the silo's 300-odd instruments the default
    /// held about 49 MB of mostly empty points (docs/benchmarks.md); their tags (grain type, message kind,
    /// silo) take a few dozen values. Beyond the limit a tag set is counted in one overflow point.
    /// </summary>
    internal const int FrameworkCardinalityLimit = 256;

    /// <summary>
    /// Our own instruments (a partition's lag, up to 1,024 partitions) and the HTTP ones (routes times
    /// methods times statuses; a webhook target's host) keep the default.
    /// </summary>
    internal static bool KeepsDefaultCardinality(Instrument instrument) =>
        instrument.Meter.Name.StartsWith("SupplyChain", StringComparison.Ordinal) || instrument.Name.StartsWith("http.", StringComparison.Ordinal);

    public static WebApplicationBuilder AddSupplyChainTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var tracingOn = builder.Configuration.GetValue(TracingKey, defaultValue: true);
        var grainCallSpans = tracingOn && builder.Configuration.GetValue(GrainCallSpansKey, defaultValue: false);
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("supplychain-silo"));
        if (tracingOn)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing
                    .AddSource(TrackingTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath))
                    .AddHttpClientInstrumentation();
                if (grainCallSpans)
                {
                    tracing.AddSource(OrleansSources);
                }
            });
        }

        telemetry.WithMetrics(metrics => metrics
                .AddMeter(IngestionTelemetry.Name, TrackingTelemetry.Name, AuditTelemetry.Name, SupplyChain.Archive.Hosting.ArchiveServiceCollectionExtensions.MeterName, "Microsoft.Orleans")
                .AddView(instrument => KeepsDefaultCardinality(instrument) ? null : new MetricStreamConfiguration { CardinalityLimit = FrameworkCardinalityLimit })
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        var dashboard = DashboardOn(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            if (grainCallSpans)
            {
                silo.AddActivityPropagation();
            }

            if (dashboard)
            {
                silo.AddDashboard(o => o.HideTrace = true);
            }
        });
        return builder;
    }

    public static WebApplication MapSupplyChainTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Roles.AdminOrMetricsPolicy);
        if (DashboardOn(app.Configuration))
        {
            // The dashboard's routes are its own page's plumbing, not the API: out of the OpenAPI document,
            // so a client generated from it gets only the API.
            app.MapOrleansDashboard(DashboardPath).RequireAuthorization(Roles.AdminOrViewerPolicy).ExcludeFromDescription();
        }

        return app;
    }

    private static bool DashboardOn(IConfiguration configuration) => configuration.GetValue(DashboardKey, defaultValue: true);
}
