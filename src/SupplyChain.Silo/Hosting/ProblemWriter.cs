using Microsoft.AspNetCore.Mvc;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// Writes problem details whatever the request accepts. The problem details service writes only for
/// a request that accepts JSON, and throws for one that asks only for <c>text/event-stream</c> (a live
/// feed's client): that client still gets its 401 or 408, as <c>application/problem+json</c>.
/// </summary>
internal static class ProblemWriter
{
    public static async Task WriteAsync(IProblemDetailsService problems, HttpContext context, ProblemDetails problem, Exception? exception = null)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }))
        {
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }
}
