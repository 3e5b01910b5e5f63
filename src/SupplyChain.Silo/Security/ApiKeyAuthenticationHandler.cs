using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Security;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against the configured keys. No header means an
/// anonymous caller (customer reads need no key); an unknown key fails. Challenges and
/// refusals answer with problem details.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey() is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = keys.CurrentValue.ApiKeys.FirstOrDefault(k => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(k.Key), System.Text.Encoding.UTF8.GetBytes(presented)));
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name ?? key.Role),
            new(ClaimTypes.Role, key.Role),
            new(Roles.AccountClaim, key.Account ?? key.Name ?? key.Role),
        };
        claims.AddRange(key.Sources.Select(s => new Claim(Roles.SourceClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>
    /// The key from <c>X-Api-Key</c>; or from <c>Authorization: Bearer</c> (what Prometheus can
    /// send); or the password of <c>Authorization: Basic</c> (what a browser sends for the dashboard).
    /// </summary>
    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header.ToString()))
        {
            return header.ToString();
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                return decoded.Split(':', 2) is [_, var password] && password.Length > 0 ? password : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (Request.Path.StartsWithSegments(Hosting.TelemetryExtensions.DashboardPath))
        {
            // Browsers cannot add X-Api-Key to a page load; a Basic prompt takes the admin key as the password.
            Response.Headers.WWWAuthenticate = "Basic realm=\"SupplyChain ops\", charset=\"UTF-8\"";
        }

        var detail = PresentedKey() is not null
            ? $"The {HeaderName} header does not name a known key."
            : $"This endpoint needs an API key in the {HeaderName} header.";
        await ProblemWriter.WriteAsync(problems, Context, new ProblemDetails { Status = 401, Title = "Unauthorized", Detail = detail });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await ProblemWriter.WriteAsync(
            problems, Context, new ProblemDetails { Status = 403, Title = "Forbidden", Detail = "This key's role may not use this endpoint." });
    }
}
