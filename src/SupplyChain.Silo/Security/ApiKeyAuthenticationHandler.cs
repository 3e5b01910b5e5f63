using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.Accounts;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Security;

/// <summary>
/// Authenticates the presented key (<c>X-Api-Key</c>, or a Bearer or Basic credential): first against
/// the configured keys, then, for a key shaped like an issued one (<c>sck_{keyId}_...</c>), against the
/// account store by its key id. Either way the presented key's SHA-256 is compared with the stored one
/// in constant time. No key means an anonymous caller (customer reads need no key); an unknown,
/// revoked or expired key fails. Challenges and refusals answer with problem details.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ConfiguredKeys configured,
    AccountDirectory directory,
    KeyIdentities identities,
    TimeProvider time,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>Longer than any key issued or sensibly configured: not worth hashing, let alone looking up.</summary>
    internal const int MaxKeyLength = 512;

    /// <summary>Set on a request whose key could not be checked because the account store failed: it gets 503, not 401.</summary>
    private const string StoreFailedItem = "supplychain:key-store-failed";

    private const string Revoked = "The API key was revoked.";
    private const string Expired = "The API key has expired.";
    private const string AccountDeleted = "The API key's account was deleted.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey() is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        if (presented.Length > MaxKeyLength)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        var hash = KeySecret.Hash(presented);
        if (configured.Find(hash) is { } key)
        {
            return Success(key.Name, key.Role, key.Account, key.KeyId, key.Sources);
        }

        if (!KeySecret.TryKeyId(presented, out var keyId))
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        try
        {
            if (await directory.FindKeyAsync(keyId, Context.RequestAborted) is not { } issued || !CryptographicOperations.FixedTimeEquals(issued.Hash, hash))
            {
                return AuthenticateResult.Fail("Unknown API key.");
            }

            // Said only to a caller holding the secret: it tells them nothing they could not learn from the key's owner.
            var now = time.GetUtcNow();
            if (issued.RevokedAt is not null)
            {
                return AuthenticateResult.Fail(Revoked);
            }

            if (issued.IsExpiredAt(now))
            {
                return AuthenticateResult.Fail(Expired);
            }

            if (await directory.FindAsync(issued.AccountId, Context.RequestAborted) is not { } account)
            {
                return AuthenticateResult.Fail("The API key's account does not exist.");
            }

            // Its keys are revoked too; this holds on a silo whose cached account is newer than its cached key.
            if (account.Deleted is not null)
            {
                return AuthenticateResult.Fail(AccountDeleted);
            }

            // The name claim is the account, so the rate limits count all of an account's keys together.
            return Success(account.Id, account.Role, account.Id, keyId, account.Sources);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogStoreFailed(Logger, keyId, failure);
            Context.Items[StoreFailedItem] = true;
            return AuthenticateResult.Fail("The account store could not be read.");
        }
    }

    private AuthenticateResult Success(string name, string role, string account, string keyId, IReadOnlyCollection<string> sources) =>
        AuthenticateResult.Success(new AuthenticationTicket(identities.Of(name, role, account, keyId, sources).Principal, SchemeName));

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
        if (Context.Items.ContainsKey(StoreFailedItem))
        {
            Response.Headers.RetryAfter = "5";
            await ProblemWriter.WriteAsync(problems, Context, new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Key not checked",
                Detail = "The account store could not be reached to check the API key. Retry later.",
            });
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (Request.Path.StartsWithSegments(Hosting.TelemetryExtensions.DashboardPath))
        {
            // Browsers cannot add X-Api-Key to a page load; a Basic prompt takes the admin key as the password.
            Response.Headers.WWWAuthenticate = "Basic realm=\"SupplyChain ops\", charset=\"UTF-8\"";
        }

        var detail = PresentedKey() is null
            ? $"This endpoint needs an API key in the {HeaderName} header."
            : (await HandleAuthenticateOnceSafeAsync()).Failure?.Message switch
            {
                { } reason when reason is Revoked or Expired or AccountDeleted => reason,
                _ => $"The {HeaderName} header does not name a known key.",
            };
        await ProblemWriter.WriteAsync(problems, Context, new ProblemDetails { Status = 401, Title = "Unauthorized", Detail = detail });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await ProblemWriter.WriteAsync(
            problems, Context, new ProblemDetails { Status = 403, Title = "Forbidden", Detail = "This key's role may not use this endpoint." });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key {KeyId} could not be checked: the account store failed")]
    private static partial void LogStoreFailed(ILogger logger, string keyId, Exception failure);
}
