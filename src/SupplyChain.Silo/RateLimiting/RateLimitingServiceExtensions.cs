using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.RateLimiting;

/// <summary>Registers the rate limits (<see cref="RateLimitOptions"/>) and puts them in the request pipeline.</summary>
internal static class RateLimitingServiceExtensions
{
    public static IServiceCollection AddSupplyChainRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton(sp => new RequestLimits(sp.GetRequiredService<IOptions<RateLimitOptions>>().Value));
        services.AddSingleton<EventBudget>();
        services.AddSingleton<LiveConnectionLimits>();
        services.AddSingleton<RejectionLog>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RequestLimits>((o, limits) =>
        {
            o.GlobalLimiter = limits.Limiter;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (rejected, _) => new ValueTask(limits.Refusal(rejected.HttpContext, rejected.Lease).WriteAsync(rejected.HttpContext));
        });
        return services;
    }

    /// <summary>
    /// Takes the client address from trusted proxies (first in the pipeline, so every step sees it).
    /// </summary>
    public static WebApplication UseSupplyChainClientAddress(this WebApplication app) =>
        app.UseTrustedProxies(app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.TrustedProxies);

    /// <summary>
    /// Limits requests per caller. Goes after authentication, which names the key the request counts
    /// against, and before authorization, so that refused attempts (a guessed key) count as well.
    /// </summary>
    public static WebApplication UseSupplyChainRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }
}
