namespace SupplyChain.Domain.Shipments;

/// <summary>
/// What a <see cref="ScanType.Delivered"/> scan proves beside its time and location: who signed and
/// where the evidence is kept. The platform stores references (https URLs into the carrier's own
/// photo or signature store), never the images: a consignee's photo stays with the carrier that took it.
/// Immutable.
/// </summary>
/// <param name="SignedBy">The name the recipient gave, when one was taken.</param>
/// <param name="PhotoUrl">An absolute https URL of the delivery photo.</param>
/// <param name="SignatureUrl">An absolute https URL of the signature image.</param>
public sealed record ProofOfDelivery(string? SignedBy, string? PhotoUrl, string? SignatureUrl)
{
    /// <summary>Longest <see cref="SignedBy"/>, in characters.</summary>
    public const int MaxSignedByLength = 100;

    /// <summary>Longest evidence URL, in characters.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>The proof of these fields, or null when none is given: an empty proof is no proof.</summary>
    public static ProofOfDelivery? Of(string? signedBy, string? photoUrl, string? signatureUrl) =>
        signedBy is null && photoUrl is null && signatureUrl is null ? null : new(signedBy, photoUrl, signatureUrl);

    /// <summary>
    /// What is wrong with a proof's fields as sent, or null: the name bounded and free of control
    /// characters, each URL absolute https without credentials in it.
    /// </summary>
    /// <param name="signedBy">The name as sent.</param>
    /// <param name="photoUrl">The photo URL as sent.</param>
    /// <param name="signatureUrl">The signature URL as sent.</param>
    /// <param name="prefix">The fields' path for the message, for example <c>data.proofOfDelivery.</c>.</param>
    public static string? Problem(string? signedBy, string? photoUrl, string? signatureUrl, string prefix)
    {
        if (signedBy is not null && (signedBy.Length == 0 || signedBy.Length > MaxSignedByLength))
        {
            return $"{prefix}signedBy has {signedBy.Length} characters; it must have 1 to {MaxSignedByLength}.";
        }

        if (signedBy is not null && signedBy.Any(char.IsControl))
        {
            return $"{prefix}signedBy contains control characters.";
        }

        return UrlProblem(photoUrl, prefix + "photoUrl") ?? UrlProblem(signatureUrl, prefix + "signatureUrl");
    }

    private static string? UrlProblem(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > MaxUrlLength)
        {
            return $"{field} has {value.Length} characters; at most {MaxUrlLength} are allowed.";
        }

        // RFC 3986 URLs are printable ASCII; anything else is percent-encoded by a well-behaved client.
        if (value.Any(c => c is < '!' or > '~'))
        {
            return $"{field} must be printable ASCII (percent-encode anything else).";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"{field} must be an absolute https URL.";
        }

        return uri.UserInfo.Length > 0 ? $"{field} must not carry a user name or password." : null;
    }
}
