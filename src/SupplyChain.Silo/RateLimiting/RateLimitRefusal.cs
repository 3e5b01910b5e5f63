using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.RateLimiting;

/// <summary>A request refused by a limit: answered <c>429</c> with <c>Retry-After</c> and problem details naming the limit.</summary>
/// <param name="Limit">The limit's stable name (<c>requests-per-address</c>, <c>events-per-key</c>, ...), for clients and dashboards.</param>
/// <param name="Caller">Who was refused.</param>
/// <param name="Detail">The limit in words, for a person reading the answer.</param>
/// <param name="RetryAfter">When trying again makes sense.</param>
internal sealed record RateLimitRefusal(string Limit, Caller Caller, string Detail, TimeSpan RetryAfter)
{
    /// <summary>The problem type of every refusal: 429 as RFC 6585 defines it.</summary>
    public const string ProblemType = "https://www.rfc-editor.org/rfc/rfc6585#section-4";

    public async Task WriteAsync(HttpContext context)
    {
        context.RequestServices.GetRequiredService<RejectionLog>().Refused(this);
        // Whole seconds, rounded up, at least one: the header has no finer unit, and 0 would invite a retry storm.
        var seconds = Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ProblemWriter.WriteAsync(context.RequestServices.GetRequiredService<IProblemDetailsService>(), context, new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Type = ProblemType,
            Title = "Too many requests",
            Detail = $"{Detail} Retry after {seconds} s.",
            Extensions = { ["limit"] = Limit },
        });
    }
}
