using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace SupplyChain.Grains.Webhooks;

/// <summary>Registers what webhook delivery needs in each silo.</summary>
internal static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="WebhookOptions"/> from <c>SupplyChain:Webhooks</c> (refused on start when out of
    /// range; <see cref="WebhookOptions.AllowInsecureUrls"/> is the host's to set) and adds the
    /// silo-local routing index and its refresher, the outbox hand-off, the sender, the
    /// <see cref="WebhookClock"/> (the silo's <see cref="TimeProvider"/>; register another after this to
    /// replace it) and the secrets' protector on Data Protection, whose key ring the host configures
    /// (where it lives decides which silos can read the stored secrets).
    /// </summary>
    public static IServiceCollection AddSupplyChainWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(configuration, WebhookOptions.SectionName);
        services.AddSingleton(sp => new WebhookClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<WebhookRouter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<WebhookRouter>());
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookSender>();
        services.AddDataProtection();
        services.AddSingleton<WebhookSecretProtector>();
        return services;
    }
}
