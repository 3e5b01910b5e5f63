using SupplyChain.Silo.Audit;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Ingestion;

/// <summary><c>POST /api/events</c>: CloudEvents from carriers and devices.</summary>
internal static class EventsApi
{
    /// <summary>How long a client should wait before retrying when the streams refuse events.</summary>
    internal const int RetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        // Made on the first post, not when the routes are mapped: it needs the silo's services (the
        // grain factory), and building the application must not resolve them (outside a pod, the
        // Kubernetes hosting's options refuse to). Two first posts at once may each make one: same singletons.
        var services = app.ServiceProvider;
        EventPostEndpoint? endpoint = null;
        // The authorization stays declared here (and is enforced by the usual middleware should the
        // request reach it); EventPostAdmission applies it without their per-request cost.
        app.MapPost("/api/events", (Func<HttpContext, Task>)(context =>
                (endpoint ??= ActivatorUtilities.CreateInstance<EventPostEndpoint>(services)).PostAsync(context)))
            .RequireAuthorization(Roles.CarrierOrAdminPolicy)
            .WithName("PostEvents")
            .WithMetadata(SummarizedEventPost.Instance, EventPostAdmission.Admitted.Instance)
            .WithTags("Ingestion")
            .WithSummary("Post CloudEvents (structured, batched or binary mode)")
            .WithDescription("Content-Type application/cloudevents+json (one event), application/cloudevents-batch+json "
                + "(a JSON array) or application/json with ce-* headers (binary mode). The body is read by the endpoint "
                + "itself so that any other content type gets a 415 problem naming the modes.")
            .Produces<EventPostEndpoint.AcceptedEvents>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
