using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// A subscription's signing secrets: stored protected in its <see cref="SubscriptionState"/> (see
/// <see cref="StoredSecrets"/>), held in plain text in memory only, each decrypted on first use.
/// Also moves the plain-text secret of a state written before secrets were encrypted into its
/// protected form. Belongs to one grain activation; not thread safe.
/// </summary>
internal sealed partial class SigningSecrets(SubscriptionState state, WebhookSecretProtector protector, string subscriptionId, ILogger logger)
{
    /// <summary>The stored secrets decrypted, each on first use; null until then.</summary>
    private byte[]? _current;
    private byte[]? _previous;

    /// <summary>Makes <paramref name="secret"/> the only secret (a new subscription).</summary>
    public void Create(byte[] secret)
    {
        state.Secrets = new StoredSecrets { Current = protector.Protect(subscriptionId, secret) };
        _current = secret;
    }

    /// <summary>Makes <paramref name="secret"/> current; the current one signs beside it until <paramref name="previousExpiresAt"/>.</summary>
    public void Rotate(byte[] secret, DateTimeOffset previousExpiresAt)
    {
        var secrets = state.Secrets ??= new StoredSecrets { Current = protector.Protect(subscriptionId, state.PlaintextSecret!) };
        state.PlaintextSecret = null;
        secrets.Rotate(protector.Protect(subscriptionId, secret), previousExpiresAt);
        _previous = _current;
        _current = secret;
    }

    /// <summary>
    /// Protects the plain-text secret of a state written before secrets were encrypted; true when
    /// there was one (the state is to be written). Throws when the key ring cannot protect it, and
    /// then changes nothing.
    /// </summary>
    public bool ProtectPlaintext()
    {
        if (state.PlaintextSecret is not { } plaintext)
        {
            return false;
        }

        state.Secrets ??= new StoredSecrets { Current = protector.Protect(subscriptionId, plaintext) };
        state.PlaintextSecret = null;
        _current = plaintext;
        return true;
    }

    /// <summary>When the previous secret stops signing, while it signs at <paramref name="now"/>; else null.</summary>
    public DateTimeOffset? PreviousExpiresAt(DateTimeOffset now) =>
        state.Secrets is { } secrets && secrets.PreviousInForce(now) ? secrets.PreviousExpiresAt : null;

    /// <summary>Forgets the previous secret once its overlap is over (before the state is written).</summary>
    public void DropExpired(DateTimeOffset now)
    {
        if (state.Secrets?.DropExpired(now) == true)
        {
            _previous = null;
        }
    }

    /// <summary>
    /// The secrets that sign a delivery at <paramref name="now"/>, newest first. Throws
    /// <see cref="CryptographicException"/> when the current one cannot be decrypted.
    /// </summary>
    public IReadOnlyList<byte[]> At(DateTimeOffset now)
    {
        if (state.Secrets is not { } secrets)
        {
            // A state not migrated yet (protecting failed on activation): its secret is still in plain text.
            return [state.PlaintextSecret!];
        }

        _current ??= protector.Unprotect(subscriptionId, secrets.Current);
        if (!secrets.PreviousInForce(now))
        {
            return [_current];
        }

        if (_previous is null)
        {
            try
            {
                _previous = protector.Unprotect(subscriptionId, secrets.Previous!);
            }
            catch (CryptographicException ex)
            {
                // A secret rotated out because it could no longer be decrypted (a ring restored
                // without its key): the new secret alone signs, rather than no delivery at all.
                LogPreviousUnreadable(logger, ex, subscriptionId);
                return [_current];
            }
        }

        return [_current, _previous];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook subscription {SubscriptionId}: the previous signing secret cannot be decrypted with this silo's key ring; the current one signs alone")]
    private static partial void LogPreviousUnreadable(ILogger logger, Exception exception, string subscriptionId);
}
