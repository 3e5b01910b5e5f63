using SupplyChain.Contracts.Streams;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SupplyChain.Grains.Webhooks;
using SupplyChain.Ingestion.Hosting;
using SupplyChain.Silo.Accounts;
using SupplyChain.Silo.Archive;
using SupplyChain.Silo.Audit;
using SupplyChain.Silo.Demo;
using SupplyChain.Silo.Health;
using SupplyChain.Silo.Pages;
using SupplyChain.Silo.RateLimiting;
using SupplyChain.Silo.Security;

using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.Hosting;

/// <summary>Registers the platform's services and options.</summary>
internal static class SupplyChainServiceExtensions
{
    /// <summary>The address the silo listens on when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:8080";

    public static WebApplicationBuilder AddSupplyChain(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration["HTTP_PORTS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        AddValidated<StreamOptions, StreamOptionsValidator>(services, configuration, StreamOptions.SectionName);
        AddValidated<StreamProviderOptions, StreamProviderOptionsValidator>(services, configuration, StreamProviderOptions.SectionName);
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName))
            .Validate(o => Enum.IsDefined(o.PublicPositionPrecision), $"{PrivacyOptions.SectionName}:PublicPositionPrecision must be Exact, Coarse or Hidden.")
            .ValidateOnStart();

        services.AddSupplyChainIngestion(configuration);
        services.AddSingleton<ShipmentAudience>();
        services.AddAudit(configuration);
        // http, any port and private addresses for webhooks in Development only, whatever the configuration says.
        services.PostConfigure<WebhookOptions>(o => o.AllowInsecureUrls = builder.Environment.IsDevelopment());

        services.AddAccounts(configuration);
        services.AddApiKeySecurity(configuration);
        services.AddSupplyChainRateLimiting(configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.AddOpenApi();
        services.AddSupplyChainHealth(configuration);
        services.AddPages(configuration);
        services.AddDemo(configuration);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // A body that names a member twice is refused, as events are: the sender's intent is unknown.
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        builder.AddSupplyChainOrleans();
        builder.AddSupplyChainArchive();
        builder.AddSupplyChainTelemetry();
        builder.UseOrleans(silo => silo.UseSupplyChainKubernetesHosting(builder.Configuration));
        services.AddShutdownReadiness(configuration);
        return builder;
    }

    private static void AddValidated<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
