namespace SupplyChain.Silo.KeyRing;

/// <summary>
/// Where the Data Protection key ring that encrypts webhook secrets at rest is kept and how its
/// keys are protected, bound from <c>SupplyChain:KeyRing</c>. The ring itself lives in memory in
/// Embedded mode and in the storage account's <c>keyring</c> container in Durable mode.
/// </summary>
public sealed class KeyRingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:KeyRing";

    /// <summary>
    /// The Data Protection application name: payloads protected under another name do not decrypt
    /// here, so the ring is never mixed with another application's.
    /// </summary>
    public const string ApplicationName = "SupplyChain";

    /// <summary>
    /// A PKCS#12 (.pfx) file whose certificate encrypts each key of the ring before it is stored
    /// (Durable mode). Default none: the keys are stored unencrypted and only the container's access
    /// control protects them (the silo logs a warning saying so).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one. Default none.</summary>
    public string? CertificatePassword { get; set; }
}
