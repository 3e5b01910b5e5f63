using Microsoft.AspNetCore.DataProtection;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// Encrypts subscription secrets for grain storage with ASP.NET Core Data Protection under
/// <see cref="Purpose"/> and the subscription's id: the stored form is useless without the
/// cluster's key ring, no other use of the ring can read it, and one subscription's stored secret
/// copied into another's state does not decrypt there. The host chooses where the ring lives (a
/// blob container in Durable mode, memory in Embedded mode). Thread safe.
/// </summary>
internal sealed class WebhookSecretProtector(IDataProtectionProvider provider)
{
    /// <summary>
    /// The Data Protection purpose. Part of every protected secret: changing it makes every stored
    /// secret unreadable, so a new scheme gets a new version, not an edit.
    /// </summary>
    public const string Purpose = "SupplyChain.Webhooks.Secret.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>The stored form of <paramref name="secret"/>, subscription <paramref name="subscriptionId"/>'s.</summary>
    public byte[] Protect(string subscriptionId, byte[] secret) => _protector.CreateProtector(subscriptionId).Protect(secret);

    /// <summary>
    /// The secret back from its stored form; throws <see cref="System.Security.Cryptography.CryptographicException"/>
    /// when the ring lacks the key, or the stored form was altered or is another subscription's.
    /// </summary>
    public byte[] Unprotect(string subscriptionId, byte[] stored) => _protector.CreateProtector(subscriptionId).Unprotect(stored);
}
