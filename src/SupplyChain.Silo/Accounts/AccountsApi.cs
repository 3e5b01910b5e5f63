using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyChain.Domain.Identifiers;
using SupplyChain.Silo.Hosting;
using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.Accounts;

/// <summary>
/// <c>/api/accounts</c>: accounts and their API keys. Admins make and change them; viewers may read
/// accounts but not their keys. A key's secret is shown once, when it is issued; the store keeps
/// only its SHA-256.
/// </summary>
internal static partial class AccountsApi
{
    /// <summary>Largest body accepted, in bytes: an account with its most sources at their longest fits.</summary>
    internal const int MaxBodyBytes = 32 * 1024;

    /// <summary>Most accounts one listing returns.</summary>
    internal const int ListLimit = 1000;

    /// <summary>
    /// Active keys an account may have: two let a carrier rotate without downtime (issue the second,
    /// switch its senders over, revoke the first), and no more, so forgotten keys do not pile up.
    /// </summary>
    internal const int MaxActiveKeys = 2;

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Accounts");
        group.MapPost("", Create).RequireAuthorization(Roles.AdminPolicy)
            .WithName("CreateAccount").WithSummary("Make an account (carrier, admin, viewer or metrics)")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("", List).RequireAuthorization(Roles.AdminOrViewerPolicy)
            .WithName("ListAccounts").WithSummary("Every account, by id (without keys)");
        group.MapGet("/{id}", Get).RequireAuthorization(Roles.AdminOrViewerPolicy)
            .WithName("GetAccount").WithSummary("One account (without keys)");
        group.MapPatch("/{id}", Update).RequireAuthorization(Roles.AdminPolicy)
            .WithName("UpdateAccount").WithSummary("Change an account's name, sources or privacy settings; members left out stay")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/{id}", Delete).RequireAuthorization(Roles.AdminPolicy)
            .WithName("DeleteAccount")
            .WithSummary("Delete an account: every key of it revoked at once, no new ones, its id never reused; what it owns keeps it as owner")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/keys", Issue).RequireAuthorization(Roles.AdminPolicy)
            .WithName("IssueKey").WithSummary("Issue a key; its secret is in this answer and nowhere else")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/keys", ListKeys).RequireAuthorization(Roles.AdminPolicy)
            .WithName("ListKeys").WithSummary("The account's keys: ids, hints, lifetimes; never secrets");
        group.MapDelete("/{id}/keys/{keyId}", Revoke).RequireAuthorization(Roles.AdminPolicy)
            .WithName("RevokeKey").WithSummary("Revoke a key: refused on this silo at once, on the others within the cache time");
        return app;
    }

    private static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> Create(
        HttpRequest request, [AsParameters] AccountServices services, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await RequestBody.ReadJsonAsync<CreateAccountRequest>(
            request, MaxBodyBytes, services.Json.Value.SerializerOptions, "Invalid account", cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AccountRules.CheckId(body!.Id, errors);
        AccountRules.CheckDisplayName(body.DisplayName, errors);
        AccountRules.CheckRole(body.Role, errors);
        AccountRules.CheckSources(body.Role, body.Sources, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors, "Invalid account");
        }

        var account = new Account(
            body.Id!, body.DisplayName!.Trim(), body.Role!, [.. (body.Sources ?? []).Distinct(StringComparer.Ordinal)],
            body.PublicPositionPrecision ?? services.Privacy.Value.PublicPositionPrecision,
            body.RequireTrackingToken ?? services.Privacy.Value.RequireTrackingToken,
            services.Time.GetUtcNow());
        if (!await services.Store.AddAccountAsync(account, cancellationToken))
        {
            return await services.Store.GetAccountAsync(account.Id, cancellationToken) is { Deleted: { } deleted }
                ? TypedResults.Problem(
                    $"Account '{account.Id}' was deleted at {deleted:O}; an id is never given to another account, since the deleted one's "
                    + "shipments, vehicles and audit records still name it. Choose another id.",
                    statusCode: StatusCodes.Status409Conflict, title: "Account id taken by a deleted account")
                : TypedResults.Problem($"An account with id '{account.Id}' exists already.", statusCode: StatusCodes.Status409Conflict, title: "Account exists");
        }

        // A lookup of the id before it existed may be cached as absent.
        services.Directory.ForgetAccount(account.Id);
        LogAccountCreated(services.Logger, account.Id, account.Role);
        return TypedResults.Created($"/api/accounts/{account.Id}", AccountResponse.From(account));
    }

    private static async Task<Ok<AccountResponse[]>> List(IAccountStore store, CancellationToken cancellationToken)
    {
        var accounts = await store.ListAccountsAsync(ListLimit, cancellationToken);
        return TypedResults.Ok(accounts.Select(AccountResponse.From).ToArray());
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Get(string id, IAccountStore store, CancellationToken cancellationToken)
    {
        if (RouteIdentifier.Problem(IdentifierRule.AccountId, id) is { } invalid)
        {
            return invalid;
        }

        return await store.GetAccountAsync(id, cancellationToken) is { } account ? TypedResults.Ok(AccountResponse.From(account)) : NotFound(id);
    }

    private static async Task<Results<Ok<AccountResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string id, HttpRequest request, [AsParameters] AccountServices services, CancellationToken cancellationToken)
    {
        if (RouteIdentifier.Problem(IdentifierRule.AccountId, id) is { } invalid)
        {
            return invalid;
        }

        var (body, unreadable) = await RequestBody.ReadJsonAsync<UpdateAccountRequest>(
            request, MaxBodyBytes, services.Json.Value.SerializerOptions, "Invalid account settings", cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (await services.Store.GetAccountAsync(id, cancellationToken) is not { } account)
        {
            return NotFound(id);
        }

        if (account.Deleted is { } deleted)
        {
            return Gone(id, deleted);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body!.Role is not null)
        {
            errors["role"] = ["role is fixed when the account is made; make another account for another role."];
        }

        if (body.DisplayName is not null)
        {
            AccountRules.CheckDisplayName(body.DisplayName, errors);
        }

        AccountRules.CheckSources(account.Role, body.Sources, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors, "Invalid account settings");
        }

        var changed = account with
        {
            DisplayName = body.DisplayName?.Trim() ?? account.DisplayName,
            Sources = body.Sources is { } sources ? [.. sources.Distinct(StringComparer.Ordinal)] : account.Sources,
            PublicPositionPrecision = body.PublicPositionPrecision ?? account.PublicPositionPrecision,
            RequireTrackingToken = body.RequireTrackingToken ?? account.RequireTrackingToken,
        };
        if (!await services.Store.UpdateAccountAsync(changed, cancellationToken))
        {
            return NotFound(id);
        }

        services.Directory.ForgetAccount(id);
        return TypedResults.Ok(AccountResponse.From(changed));
    }

    private static async Task<Results<Created<IssuedKeyResponse>, ValidationProblem, ProblemHttpResult>> Issue(
        string id, HttpRequest request, ClaimsPrincipal user, [AsParameters] AccountServices services, CancellationToken cancellationToken)
    {
        if (RouteIdentifier.Problem(IdentifierRule.AccountId, id) is { } invalid)
        {
            return invalid;
        }

        var body = new IssueKeyRequest();
        if (request.ContentLength is not 0)
        {
            (var read, var unreadable) = await RequestBody.ReadJsonAsync<IssueKeyRequest>(
                request, MaxBodyBytes, services.Json.Value.SerializerOptions, "Invalid key request", cancellationToken);
            if (unreadable is not null)
            {
                return unreadable;
            }

            body = read!;
        }

        var now = services.Time.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AccountRules.CheckExpiry(body.ExpiresAt, now, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors, "Invalid key request");
        }

        var (keyId, secret) = KeySecret.New();
        var key = new AccountKey(keyId, id, KeySecret.Hash(secret), KeySecret.HintOf(keyId, secret), now, body.ExpiresAt, RevokedAt: null);
        switch (await services.Store.AddKeyAsync(key, MaxActiveKeys, now, cancellationToken))
        {
            case KeyIssue.NoAccount:
                return NotFound(id);
            case KeyIssue.AccountDeleted:
                return TypedResults.Problem(
                    $"Account '{id}' was deleted: it gets no new keys.", statusCode: StatusCodes.Status409Conflict, title: "Account deleted");
            case KeyIssue.TooManyActive:
                return TypedResults.Problem(
                    $"Account '{id}' has {MaxActiveKeys} active keys already, the most it may have. Revoke the one it no longer uses first (DELETE /api/accounts/{id}/keys/{{keyId}}).",
                    statusCode: StatusCodes.Status409Conflict, title: "Too many active keys");
        }

        var issuer = user.KeyId();
        LogKeyIssued(services.Logger, keyId, id, issuer);
        return TypedResults.Created($"/api/accounts/{id}/keys", new IssuedKeyResponse(keyId, id, secret, key.Hint, now, body.ExpiresAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, ClaimsPrincipal user, [AsParameters] AccountServices services, CancellationToken cancellationToken)
    {
        if (RouteIdentifier.Problem(IdentifierRule.AccountId, id) is { } invalid)
        {
            return invalid;
        }

        if (services.Configured.OfAccount(id).FirstOrDefault() is { } configured)
        {
            // Its keys are in configuration, not the store: deleting it here would revoke nothing, and the
            // bootstrap admin's is the key that deletes the others.
            var which = configured.Role == Roles.Admin ? "the configured (bootstrap) admin account" : "an account of configured keys";
            return TypedResults.Problem(
                $"Account '{id}' is {which}: its keys come from configuration (SupplyChain:Auth:ApiKeys), not the account store, "
                + "so it cannot be deleted through the API. Remove its keys from the configuration and restart the silos instead.",
                statusCode: StatusCodes.Status409Conflict, title: "Configured account");
        }

        var now = services.Time.GetUtcNow();
        if (await services.Store.DeleteAccountAsync(id, now, cancellationToken) is not { } deleted)
        {
            return NotFound(id);
        }

        // This silo stops honouring the account's keys now; other silos when their cached copies expire.
        services.Directory.ForgetAccount(id);
        foreach (var key in await services.Store.ListKeysAsync(id, cancellationToken))
        {
            services.Directory.ForgetKey(key.KeyId);
        }

        var deleter = user.KeyId();
        LogAccountDeleted(services.Logger, id, deleted.Deleted, deleter);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<KeyResponse[]>, ProblemHttpResult>> ListKeys(
        string id, IAccountStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (RouteIdentifier.Problem(IdentifierRule.AccountId, id) is { } invalid)
        {
            return invalid;
        }

        if (await store.GetAccountAsync(id, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var now = time.GetUtcNow();
        var keys = await store.ListKeysAsync(id, cancellationToken);
        return TypedResults.Ok(keys.Select(k => KeyResponse.From(k, now)).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        string id, string keyId, ClaimsPrincipal user, [AsParameters] AccountServices services, CancellationToken cancellationToken)
    {
        if (RouteIdentifier.Problem(IdentifierRule.AccountId, id) is { } invalid)
        {
            return invalid;
        }

        if (!KeySecret.IsKeyId(keyId))
        {
            return TypedResults.Problem(
                $"A key id is {KeySecret.KeyIdLength} lowercase hexadecimal digits.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid key id");
        }

        if (!await services.Store.RevokeKeyAsync(id, keyId, services.Time.GetUtcNow(), cancellationToken))
        {
            return TypedResults.Problem($"Account '{id}' has no key '{keyId}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown key");
        }

        services.Directory.ForgetKey(keyId);
        var revoker = user.KeyId();
        LogKeyRevoked(services.Logger, keyId, id, revoker);
        return TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors, string title) =>
        TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(e => e)), title: title);

    private static ProblemHttpResult Gone(string id, DateTimeOffset deleted) => TypedResults.Problem(
        $"Account '{id}' was deleted at {deleted:O}; its settings no longer change.", statusCode: StatusCodes.Status409Conflict, title: "Account deleted");

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"No account has id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown account");

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} made with role {Role}")]
    private static partial void LogAccountCreated(ILogger logger, string accountId, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} deleted (at {DeletedAt}) by key {IssuerKeyId}; its keys are revoked")]
    private static partial void LogAccountDeleted(ILogger logger, string accountId, DateTimeOffset? deletedAt, string? issuerKeyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key {KeyId} issued to account {AccountId} by key {IssuerKeyId}")]
    private static partial void LogKeyIssued(ILogger logger, string keyId, string accountId, string? issuerKeyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key {KeyId} of account {AccountId} revoked by key {IssuerKeyId}")]
    private static partial void LogKeyRevoked(ILogger logger, string keyId, string accountId, string? issuerKeyId);
}
