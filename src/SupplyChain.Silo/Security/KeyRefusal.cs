using Microsoft.AspNetCore.Mvc;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Security;

/// <summary>The answers to a request its key does not admit: 401 (no key, or one refused), 503 (the key could not be checked), 403 (a role that may not).</summary>
internal static class KeyRefusal
{
    /// <summary>Answers a request whose key is missing (<paramref name="verdict"/> null) or refused.</summary>
    public static async Task ChallengeAsync(IProblemDetailsService problems, HttpContext context, KeyVerdict? verdict)
    {
        if (verdict is { StoreFailed: true })
        {
            context.Response.Headers.RetryAfter = "5";
            await ProblemWriter.WriteAsync(problems, context, new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Key not checked",
                Detail = "The account store could not be reached to check the API key. Retry later.",
            });
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (context.Request.Path.StartsWithSegments(TelemetryExtensions.DashboardPath))
        {
            // Browsers cannot add X-Api-Key to a page load; a Basic prompt takes the admin key as the password.
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"SupplyChain ops\", charset=\"UTF-8\"";
        }

        var detail = verdict?.Failure switch
        {
            null => $"This endpoint needs an API key in the {ApiKeyVerifier.HeaderName} header.",
            var reason when reason is ApiKeyVerifier.Revoked or ApiKeyVerifier.Expired or ApiKeyVerifier.AccountDeleted => reason,
            _ => $"The {ApiKeyVerifier.HeaderName} header does not name a known key.",
        };
        await ProblemWriter.WriteAsync(problems, context, new ProblemDetails { Status = 401, Title = "Unauthorized", Detail = detail });
    }

    /// <summary>Answers a request whose key's role may not use the endpoint.</summary>
    public static Task ForbidAsync(IProblemDetailsService problems, HttpContext context) =>
        ProblemWriter.WriteAsync(
            problems, context, new ProblemDetails { Status = 403, Title = "Forbidden", Detail = "This key's role may not use this endpoint." });
}
