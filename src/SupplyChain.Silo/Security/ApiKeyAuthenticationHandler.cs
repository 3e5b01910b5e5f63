using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Security;

/// <summary>
/// Authenticates the presented key (<c>X-Api-Key</c>, or a Bearer or Basic credential) with
/// <see cref="ApiKeyVerifier"/>. No key means an anonymous caller (customer reads need no key); an
/// unknown, revoked or expired key fails. Challenges and refusals answer with problem details
/// (<see cref="KeyRefusal"/>).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyVerifier verifier,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The verdict on this request's key, kept for its challenge; null when it presented none.</summary>
    private KeyVerdict? _verdict;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiKeyVerifier.PresentedKey(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        var verdict = await verifier.VerifyAsync(presented, Context.RequestAborted);
        _verdict = verdict;
        return verdict.Identity is { } identity
            ? AuthenticateResult.Success(new AuthenticationTicket(identity.Principal, SchemeName))
            : AuthenticateResult.Fail(verdict.Failure!);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        await KeyRefusal.ChallengeAsync(problems, Context, _verdict);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => KeyRefusal.ForbidAsync(problems, Context);
}
