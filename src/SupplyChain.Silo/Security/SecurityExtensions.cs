using Microsoft.AspNetCore.Authentication;

namespace SupplyChain.Silo.Security;

/// <summary>Registers API key authentication and the role policies.</summary>
internal static class SecurityExtensions
{
    public static IServiceCollection AddApiKeySecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        services.AddSingleton<ConfiguredKeys>();
        services.AddSingleton<KeyIdentities>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.CarrierOrAdminPolicy, p => p.RequireRole(Roles.Carrier, Roles.Admin))
            .AddPolicy(Roles.AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.AdminOrViewerPolicy, p => p.RequireRole(Roles.Admin, Roles.Viewer))
            .AddPolicy(Roles.CarrierAdminOrViewerPolicy, p => p.RequireRole(Roles.Carrier, Roles.Admin, Roles.Viewer))
            .AddPolicy(Roles.AdminOrMetricsPolicy, p => p.RequireRole(Roles.Admin, Roles.Metrics));
        return services;
    }
}
