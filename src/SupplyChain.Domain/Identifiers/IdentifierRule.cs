namespace SupplyChain.Domain.Identifiers;

/// <summary>
/// What an identifier taken from outside may look like: a tracking number, a vehicle, facility,
/// geofence or subscription id. One rule per kind, used by every route and event that reads or writes
/// it, so an id accepted in an event can always be read back in a URL.
/// <para>
/// The characters are ASCII letters, digits and <c>- _ . :</c>, starting with a letter or digit: an id
/// becomes part of blob names, table keys, stream keys and URL paths, where a slash, a dot segment
/// (<c>..</c>), a space, a control character or a 40,000-character string each broke something. The
/// lengths cover every carrier format seen (UPS 18, FedEx 12-22, DHL 10-39, S10 13 characters).
/// </para>
/// Immutable and thread safe.
/// </summary>
public sealed class IdentifierRule
{
    /// <summary>The characters an id may hold besides ASCII letters and digits.</summary>
    public const string Punctuation = "-_.:";

    private IdentifierRule(string name, int maxLength)
    {
        Name = name;
        MaxLength = maxLength;
    }

    /// <summary>A shipment's tracking number: 1 to 64 characters.</summary>
    public static IdentifierRule TrackingNumber { get; } = new("tracking number", 64);

    /// <summary>A vehicle's id: 1 to 64 characters.</summary>
    public static IdentifierRule VehicleId { get; } = new("vehicle id", 64);

    /// <summary>A facility's id (a depot, hub or store): 1 to 64 characters.</summary>
    public static IdentifierRule FacilityId { get; } = new("facility id", 64);

    /// <summary>A carrier's id as a shipment plan names it: 1 to 64 characters.</summary>
    public static IdentifierRule CarrierId { get; } = new("carrier id", 64);

    /// <summary>A geofence's id: 1 to 128 characters.</summary>
    public static IdentifierRule GeofenceId { get; } = new("geofence id", 128);

    /// <summary>A carrier or ops account's id (what API keys belong to and writes are owned by): 1 to 64 characters.</summary>
    public static IdentifierRule AccountId { get; } = new("account id", 64);

    /// <summary>A webhook subscription's id: 1 to 64 characters.</summary>
    public static IdentifierRule SubscriptionId { get; } = new("subscription id", 64);

    /// <summary>What the id names, in words ("tracking number").</summary>
    public string Name { get; }

    /// <summary>The most characters an id of this kind has.</summary>
    public int MaxLength { get; }

    /// <summary>The rule in words, for error messages and docs.</summary>
    public string Description =>
        $"A {Name} has 1 to {MaxLength} characters: ASCII letters, digits, '-', '_', '.' or ':', starting with a letter or digit.";

    /// <summary>Whether <paramref name="value"/> is a valid id of this kind.</summary>
    public bool IsValid(string? value) => Flaw(value) is null;

    /// <summary>Whether <paramref name="value"/> could be part of an id of this kind: 1 to <see cref="MaxLength"/> of its characters, starting with any of them (a search text).</summary>
    public bool IsFragment(string? value) =>
        value is { Length: > 0 } && value.Length <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || Punctuation.Contains(c, StringComparison.Ordinal));

    /// <summary>
    /// Null when <paramref name="value"/> is valid; otherwise what is wrong with it, naming
    /// <paramref name="field"/>. The value itself is never echoed: it may be huge or hostile.
    /// </summary>
    public string? Problem(string? value, string field) =>
        Flaw(value) is { } flaw ? $"{field} {flaw}. {Description}" : null;

    private string? Flaw(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "is empty";
        }

        if (value.Length > MaxLength)
        {
            return $"has {value.Length} characters";
        }

        if (!char.IsAsciiLetterOrDigit(value[0]))
        {
            return "does not start with a letter or digit";
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(value[i]) && !Punctuation.Contains(value[i], StringComparison.Ordinal))
            {
                return $"has a character that is not allowed at position {i + 1}";
            }
        }

        return null;
    }
}
