using System.Security.Cryptography;
using SupplyChain.Silo.Accounts;

namespace SupplyChain.Silo.Security;

/// <summary>
/// Checks a presented API key: first against the configured keys, then, for a key shaped like an
/// issued one (<c>sck_{keyId}_...</c>), against the account store by its key id. Either way the
/// presented key's SHA-256 is compared with the stored one in constant time. The one check behind
/// both doors a key comes in by: the authentication handler (every route) and the event posts'
/// admission (<c>POST /api/events</c>, which skips the handler's per-request cost). Thread safe.
/// </summary>
internal sealed partial class ApiKeyVerifier(
    ConfiguredKeys configured, AccountDirectory directory, KeyIdentities identities, TimeProvider time, ILogger<ApiKeyVerifier> logger)
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>Longer than any key issued or sensibly configured: not worth hashing, let alone looking up.</summary>
    internal const int MaxKeyLength = 512;

    /// <summary>Reasons said to a caller holding the key's secret: they tell nothing its owner could not.</summary>
    internal const string Revoked = "The API key was revoked.";
    internal const string Expired = "The API key has expired.";
    internal const string AccountDeleted = "The API key's account was deleted.";
    private const string Unknown = "Unknown API key.";

    /// <summary>
    /// The key from <c>X-Api-Key</c>; or from <c>Authorization: Bearer</c> (what Prometheus can
    /// send); or the password of <c>Authorization: Basic</c> (what a browser sends for the dashboard).
    /// </summary>
    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header.ToString()))
        {
            return header.ToString();
        }

        var authorization = request.Headers.Authorization.ToString();
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

    /// <summary>The identity of <paramref name="presented"/>, or why it has none.</summary>
    public async ValueTask<KeyVerdict> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (presented.Length > MaxKeyLength)
        {
            return KeyVerdict.Refused(Unknown);
        }

        var hash = KeySecret.Hash(presented);
        if (configured.Find(hash) is { } key)
        {
            return KeyVerdict.Known(identities.Of(key.Name, key.Role, key.Account, key.KeyId, key.Sources));
        }

        if (!KeySecret.TryKeyId(presented, out var keyId))
        {
            return KeyVerdict.Refused(Unknown);
        }

        try
        {
            if (await directory.FindKeyAsync(keyId, cancellationToken) is not { } issued || !CryptographicOperations.FixedTimeEquals(issued.Hash, hash))
            {
                return KeyVerdict.Refused(Unknown);
            }

            if (issued.RevokedAt is not null)
            {
                return KeyVerdict.Refused(Revoked);
            }

            if (issued.IsExpiredAt(time.GetUtcNow()))
            {
                return KeyVerdict.Refused(Expired);
            }

            if (await directory.FindAsync(issued.AccountId, cancellationToken) is not { } account)
            {
                return KeyVerdict.Refused("The API key's account does not exist.");
            }

            // Its keys are revoked too; this holds on a silo whose cached account is newer than its cached key.
            if (account.Deleted is not null)
            {
                return KeyVerdict.Refused(AccountDeleted);
            }

            // The name is the account, so the rate limits count all of an account's keys together.
            return KeyVerdict.Known(identities.Of(account.Id, account.Role, account.Id, keyId, account.Sources));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogStoreFailed(logger, keyId, failure);
            return KeyVerdict.StoreUnavailable;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key {KeyId} could not be checked: the account store failed")]
    private static partial void LogStoreFailed(ILogger logger, string keyId, Exception failure);
}
