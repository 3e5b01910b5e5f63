using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.RateLimiting;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Ingestion;

/// <summary>
/// Admits the requests of an endpoint marked <see cref="Admitted"/> (<c>POST /api/events</c>) as
/// authentication, the rate limiter and authorization would, in the same order and with the same
/// answers, and runs the endpoint itself. A device posts one ping per request, and those three
/// middleware cost such a request about as much as its ping: a request scope, a handler and its
/// ticket, a policy evaluation with its context and results, a limiter lease with its metrics, and
/// an async frame for each (docs/benchmarks.md). The key check (<see cref="ApiKeyVerifier"/>), the
/// request limit (<see cref="RequestLimits"/>) and the endpoint's declared policy are the same ones;
/// only the plumbing around them is skipped. Every other request goes on down the pipeline.
/// </summary>
internal sealed class EventPostAdmission(
    RequestDelegate next,
    ApiKeyVerifier verifier,
    RequestLimits limits,
    IOptions<RateLimitOptions> limitOptions,
    IAuthorizationPolicyProvider policies,
    IProblemDetailsService problems)
{
    private readonly ConcurrentDictionary<Endpoint, Task<string[][]?>> _roles = new();
    private Func<Endpoint, Task<string[][]?>>? _rolesOf;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not { RequestDelegate: { } endpointDelegate } endpoint || endpoint.Metadata.GetMetadata<Admitted>() is null)
        {
            await next(context);
            return;
        }

        KeyVerdict? verdict = null;
        if (ApiKeyVerifier.PresentedKey(context.Request) is { } presented)
        {
            verdict = await verifier.VerifyAsync(presented, context.RequestAborted);
            if (verdict.Value.Identity is { } identity)
            {
                context.User = identity.Principal;
            }
        }

        using var lease = limitOptions.Value.Enabled ? limits.Limiter.AttemptAcquire(context) : null;
        if (lease is { IsAcquired: false })
        {
            await limits.Refusal(context, lease).WriteAsync(context);
            return;
        }

        var roles = await _roles.GetOrAdd(endpoint, _rolesOf ??= RolesOf);
        if (context.User.Identity is not { IsAuthenticated: true })
        {
            if (roles is not null)
            {
                await KeyRefusal.ChallengeAsync(problems, context, verdict);
                return;
            }
        }
        else if (roles is not null && !HoldsOneOfEach(context.User, roles))
        {
            await KeyRefusal.ForbidAsync(problems, context);
            return;
        }

        await endpointDelegate(context);
    }

    /// <summary>Whether <paramref name="user"/> holds one role of each set: a loop, since a lambda here would be built on every request.</summary>
    private static bool HoldsOneOfEach(ClaimsPrincipal user, string[][] roles)
    {
        foreach (var anyOf in roles)
        {
            var held = false;
            foreach (var role in anyOf)
            {
                held |= user.IsInRole(role);
            }

            if (!held)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The roles the endpoint's policy asks for, each requirement's as a set the caller must hold
    /// one of: null when it needs no authentication, empty when any authenticated caller will do. A
    /// policy asking for anything else fails its first request, so that no requirement is skipped.
    /// </summary>
    private async Task<string[][]?> RolesOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()) is not { } policy)
        {
            return null;
        }

        if (policy.AuthenticationSchemes.Any(s => s != ApiKeyAuthenticationHandler.SchemeName))
        {
            throw new InvalidOperationException($"{endpoint.DisplayName}: admission authenticates API keys only.");
        }

        var roles = new List<string[]>();
        foreach (var requirement in policy.Requirements)
        {
            switch (requirement)
            {
                case RolesAuthorizationRequirement named:
                    roles.Add([.. named.AllowedRoles]);
                    break;
                case DenyAnonymousAuthorizationRequirement:
                    break;
                default:
                    throw new InvalidOperationException($"{endpoint.DisplayName}: admission checks roles only, not {requirement.GetType().Name}.");
            }
        }

        return [.. roles];
    }

    /// <summary>Endpoint metadata: the endpoint's requests are admitted by <see cref="EventPostAdmission"/>.</summary>
    internal sealed class Admitted
    {
        public static readonly Admitted Instance = new();

        private Admitted()
        {
        }
    }
}
