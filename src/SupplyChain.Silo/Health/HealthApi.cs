using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the silo can serve).</summary>
internal static class HealthApi
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddSupplyChainHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PartitionLagOptions>().Bind(configuration.GetSection(PartitionLagOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PartitionLagOptions>, PartitionLagOptionsValidator>();
        services.AddHealthChecks()
            .AddCheck<SiloReadinessCheck>("silo", tags: [ReadyTag])
            .AddCheck<PartitionLagCheck>("partition-lag", HealthStatus.Degraded, [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // Never rate limited: a probe refused for someone else's flood from the same address would take the pod out.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).DisableRateLimiting();
        return app;
    }

    /// <summary>Stops the silo at start on a bad health setting, naming the key.</summary>
    private sealed class PartitionLagOptionsValidator : IValidateOptions<PartitionLagOptions>
    {
        public ValidateOptionsResult Validate(string? name, PartitionLagOptions o) => OptionErrors.Result(
            ("SupplyChain:Health:PartitionLagThreshold", o.PartitionLagThreshold >= TimeSpan.FromSeconds(1) && o.PartitionLagThreshold <= TimeSpan.FromDays(1), "must be in [1 s, 1 day]"));
    }

    /// <summary>Writes each check's status and description, so ops see which dependency is down or which partition is behind.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
