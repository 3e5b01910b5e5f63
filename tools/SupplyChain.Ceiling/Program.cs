using Microsoft.Extensions.Options;
using SupplyChain.Ingestion;
using SupplyChain.Ingestion.Reading;

// What the platform's throughput is compared with: the same HTTP server, the same CloudEvents
// reader, the same request bodies, and nothing after.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddSingleton(new CloudEventRequestReader(Options.Create(new IngestionOptions())));
var app = builder.Build();
app.MapPost("/api/events", async (HttpRequest request, CloudEventRequestReader reader, CancellationToken cancellationToken) =>
{
    using var received = await reader.ReadAsync(request, cancellationToken);
    return received.Errors.Count == 0 ? Results.Accepted(null, new { accepted = received.Events.Count }) : Results.BadRequest();
});
app.MapGet("/health", () => "ok");

// What the ceiling allocates over a measured load (tools/bench.sh reads it before and after): the
// order the platform's per-request allocations are compared with.
app.MapGet("/allocated", () => GC.GetTotalAllocatedBytes(precise: true));
app.Run();
