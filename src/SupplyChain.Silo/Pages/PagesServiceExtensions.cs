using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Pages;

/// <summary>Registers the pages' options and HTML.</summary>
internal static class PagesServiceExtensions
{
    public static IServiceCollection AddPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MapOptions>().Bind(configuration.GetSection(MapOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MapOptions>, MapOptionsValidator>();
        services.AddSingleton<PageShells>();
        return services;
    }
}
