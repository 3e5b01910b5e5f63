using Microsoft.Extensions.Options;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Silo.Webhooks;

/// <summary>Registers webhook settings for the host.</summary>
internal static class WebhookHostingExtensions
{
    /// <summary>
    /// Binds <see cref="WebhookOptions"/> from <c>SupplyChain:Webhooks</c>, validated at start. http, any
    /// port and private addresses are allowed in Development only, whatever the configuration says.
    /// </summary>
    public static IServiceCollection AddWebhookOptions(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .PostConfigure(o => o.AllowInsecureUrls = environment.IsDevelopment())
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        return services;
    }
}
