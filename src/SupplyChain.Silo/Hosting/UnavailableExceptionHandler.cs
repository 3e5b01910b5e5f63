using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// Answers a request that failed because a dependency did not (grain storage unreachable, a grain call
/// timed out, the silo holding a grain gone) with 503 and <c>Retry-After</c>, as ingestion does: the
/// caller did nothing wrong and should send it again later, where the default handler would answer 500.
/// The problem names no internal resource; the cause is logged.
/// </summary>
internal sealed partial class UnavailableExceptionHandler(IProblemDetailsService problems, ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>How long the caller should wait before sending the request again.</summary>
    internal const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }

        LogUnavailable(exception, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ProblemWriter.WriteAsync(
            problems,
            httpContext,
            new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                Detail = "The platform cannot complete this request right now: a service it depends on is unavailable. Send it again later.",
            },
            exception);
        return true;
    }

    /// <summary>Whether <paramref name="exception"/>, or what caused it, is a dependency being away rather than a fault of ours or the caller's.</summary>
    internal static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // A storage answer with a status is ours to fix (a 400, a 412 conflict), except throttling and the service's own failures.
            if (e is TimeoutException or SocketException or HttpRequestException
                or Azure.RequestFailedException { Status: 0 or 408 or 429 or >= 500 }
                or SiloUnavailableException or OrleansMessageRejectionException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: a dependency is unavailable")]
    private partial void LogUnavailable(Exception exception, string method, string path);
}
