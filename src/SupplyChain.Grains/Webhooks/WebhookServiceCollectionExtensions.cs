using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace SupplyChain.Grains.Webhooks;

/// <summary>Registers what webhook delivery needs in each silo.</summary>
public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo-local routing index and its refresher, the outbox hand-off, the sender and the
    /// <see cref="WebhookClock"/> (the silo's <see cref="TimeProvider"/>; register another after this to replace it),
    /// and the secrets' protector on Data Protection, whose key ring the host configures (where it
    /// lives decides which silos can read the stored secrets).
    /// </summary>
    public static IServiceCollection AddSupplyChainWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>();
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
