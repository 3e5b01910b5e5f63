using System.Security.Cryptography;

namespace SupplyChain.Grains.Webhooks;

/// <summary>Subscription secrets in the Standard Webhooks form <c>whsec_&lt;base64&gt;</c>.</summary>
public static class WebhookSecret
{
    /// <summary>The prefix of a formatted secret.</summary>
    public const string Prefix = "whsec_";

    /// <summary>Bytes of a new secret (Standard Webhooks asks for 24 to 64).</summary>
    public const int Length = 32;

    /// <summary>A fresh random secret.</summary>
    public static byte[] Create() => RandomNumberGenerator.GetBytes(Length);

    /// <summary>The secret as a subscriber is given it.</summary>
    public static string Format(byte[] secret) => Prefix + Convert.ToBase64String(secret);
}
