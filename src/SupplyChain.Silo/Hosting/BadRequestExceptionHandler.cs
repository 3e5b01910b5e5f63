using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// Answers Kestrel's verdicts on a request (a body arriving too slowly: 408; cut short or badly
/// framed: 400; too large: 413) with their own status and problem details, where the default
/// exception handler would answer 500 to what is the client's doing.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        await ProblemWriter.WriteAsync(
            problems,
            httpContext,
            new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status408RequestTimeout ? "Request body too slow" : "Unreadable request",
                Detail = bad.Message,
            },
            exception);
        return true;
    }
}
