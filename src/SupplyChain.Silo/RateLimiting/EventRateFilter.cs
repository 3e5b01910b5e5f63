using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.Ingestion;

namespace SupplyChain.Silo.RateLimiting;

/// <summary>
/// Holds <c>POST /api/events</c> to the key's events per second (<see cref="EventBudget"/>): refuses
/// before the body is read while the key is over its budget, and charges the events the request got
/// accepted, including those of a request the streams took only part of.
/// </summary>
internal sealed class EventRateFilter(EventBudget budget, IOptions<RateLimitOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!options.Value.Enabled)
        {
            return await next(context);
        }

        var caller = Caller.Of(context.HttpContext);
        if (budget.Check(caller) is { } refusal)
        {
            await refusal.WriteAsync(context.HttpContext);
            return Results.Empty;
        }

        var result = await next(context);
        if (AcceptedEvents(result is INestedHttpResult nested ? nested.Result : result) is > 0 and var accepted)
        {
            budget.Charge(caller, accepted);
        }

        return result;
    }

    private static int AcceptedEvents(object? result) => result switch
    {
        IValueHttpResult<EventsApi.AcceptedEvents> { Value: { } accepted } => accepted.Accepted,
        ProblemHttpResult { ProblemDetails.Extensions: var extensions } when extensions.TryGetValue("accepted", out var indexes)
            && indexes is IReadOnlyCollection<int> some => some.Count,
        _ => 0,
    };
}
