using SupplyChain.Silo.Accounts;
using SupplyChain.Silo.Audit;
using SupplyChain.Silo.Demo;
using SupplyChain.Silo.Fleet;
using SupplyChain.Silo.DeadLetters;
using SupplyChain.Silo.Geofences;
using SupplyChain.Silo.Health;
using SupplyChain.Silo.History;
using SupplyChain.Silo.Ingestion;
using SupplyChain.Silo.Live;
using SupplyChain.Silo.Ownership;
using SupplyChain.Silo.Pages;
using SupplyChain.Silo.RateLimiting;
using SupplyChain.Silo.Shipments;
using SupplyChain.Silo.Vehicles;
using SupplyChain.Silo.Webhooks;

namespace SupplyChain.Silo.Hosting;

/// <summary>Builds the silo's web application: Orleans, the API and the pages.</summary>
public static class SiloApplication
{
    /// <summary>Builds the application from command-line <paramref name="args"/> and the usual configuration sources.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Last changes to the builder before the app is built (tests add an in-memory span exporter here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        args = DemoSwitch.Expand(args);
        // The settings files sit next to the binaries, so the silo finds them from any working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddSupplyChain();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseSupplyChainClientAddress();
        app.UseAudit();
        app.UseMiddleware<RefusedBodyDrain>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<EventPostAdmission>();
        app.UseAuthentication();
        app.UseSupplyChainRateLimiting();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapSupplyChainTelemetry();
        app.MapHealthApi();
        app.MapEventsApi();
        app.MapShipmentsApi();
        app.MapVehiclesApi();
        app.MapTrackHistoryApi();
        app.MapShipmentErasureApi();
        app.MapOwnershipApi();
        app.MapLiveApi();
        app.MapFleetMapApi();
        app.MapGeofencesApi();
        app.MapSubscriptionsApi();
        app.MapPages();
        app.MapDeadLettersApi();
        app.MapAccountsApi();
        app.MapAuditApi();
        return app;
    }
}
