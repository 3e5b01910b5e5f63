using SupplyChain.Silo.Demo;
using SupplyChain.Silo.Geofences;
using SupplyChain.Silo.Health;
using SupplyChain.Silo.Ingestion;
using SupplyChain.Silo.Live;
using SupplyChain.Silo.Pages;
using SupplyChain.Silo.Shipments;
using SupplyChain.Silo.Vehicles;
using SupplyChain.Silo.Webhooks;

namespace SupplyChain.Silo.Hosting;

/// <summary>Builds the silo's web application: Orleans, the API and the pages.</summary>
public static class SiloApplication
{
    /// <summary>Builds the application from command-line <paramref name="args"/> and the usual configuration sources.</summary>
    public static WebApplication Build(string[] args) => Build(args, configure: null);

    /// <summary>As <see cref="Build(string[])"/>; <paramref name="configure"/> may replace services (tests: a fake webhook clock).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure)
    {
        args = DemoSwitch.Expand(args);
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSupplyChain();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapHealthApi();
        app.MapEventsApi();
        app.MapShipmentsApi();
        app.MapVehiclesApi();
        app.MapLiveApi();
        app.MapGeofencesApi();
        app.MapSubscriptionsApi();
        app.MapPages();
        return app;
    }
}
