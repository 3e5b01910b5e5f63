using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace SupplyChain.Grains.Webhooks;

/// <summary>Registers what webhook delivery needs in each silo.</summary>
public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo-local routing index and its refresher, the outbox hand-off, the sender and the
    /// <see cref="WebhookClock"/> (the silo's <see cref="TimeProvider"/>; register another after this to replace it).
    /// </summary>
    public static IServiceCollection AddSupplyChainWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>();
        services.AddSingleton(sp => new WebhookClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<WebhookRouter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<WebhookRouter>());
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookSender>();
        return services;
    }
}
