using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Demo;

/// <summary>Registers the demo fleet; it stays idle unless <c>SupplyChain:Demo:Enabled</c> (or <c>--demo</c>).</summary>
internal static class DemoServiceExtensions
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptionsValidator>();
        services.AddHostedService<DemoFleet>();
        return services;
    }
}
