namespace SupplyChain.Silo.RateLimiting;

/// <summary>Applies <see cref="LiveConnectionLimits"/> to a live feed endpoint; the shipment is its <c>trackingNumber</c> route value, if any.</summary>
internal sealed class LiveConnectionFilter(LiveConnectionLimits limits) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (limits.TryOpen(http, Caller.Of(http), http.GetRouteValue("trackingNumber") as string) is { } refusal)
        {
            await refusal.WriteAsync(http);
            return Results.Empty;
        }

        return await next(context);
    }
}
