using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Accounts;

/// <summary>
/// Registers accounts: the settings, the cached directory and the in-memory store. The durable
/// profile registers its table store after this one (DurableHostingExtensions), which then wins.
/// </summary>
internal static class AccountServiceExtensions
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>();
        services.TryAddSingleton<IAccountStore, MemoryAccountStore>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<IAccountDirectory>(sp => sp.GetRequiredService<AccountDirectory>());
        return services;
    }
}
