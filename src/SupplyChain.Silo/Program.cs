using SupplyChain.Silo.Health;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Ingestion;
using SupplyChain.Silo.Shipments;
using SupplyChain.Silo.Vehicles;

var builder = WebApplication.CreateBuilder(args);
builder.AddSupplyChain();

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

app.Run();

/// <summary>The silo host's entry point; public so tests can start the real application.</summary>
public partial class Program;
