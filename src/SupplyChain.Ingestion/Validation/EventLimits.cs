namespace SupplyChain.Ingestion.Validation;

/// <summary>
/// The bounds of an inbound event's fields, the same in every content mode: no field of one event can
/// grow a shipment, a stream message or a log line for everyone else. Identifiers have their own rule
/// (<see cref="Domain.Identifiers.IdentifierRule"/>); the event as a whole is bounded by
/// <see cref="IngestionOptions.MaxEventBytes"/>. docs/api.md lists them all.
/// </summary>
public static class EventLimits
{
    /// <summary>Longest <c>id</c>, in characters.</summary>
    public const int MaxIdLength = 256;

    /// <summary>Longest <c>source</c>, in characters.</summary>
    public const int MaxSourceLength = 512;

    /// <summary>Longest <c>datacontenttype</c> or <c>dataschema</c>, in characters.</summary>
    public const int MaxMediaTypeLength = 256;

    /// <summary>Most extension attributes on one event (<c>traceparent</c> and <c>tracestate</c> count).</summary>
    public const int MaxExtensions = 16;

    /// <summary>Longest extension attribute name; the CloudEvents specification asks for at most 20.</summary>
    public const int MaxExtensionNameLength = 20;

    /// <summary>Longest extension attribute value, in characters (W3C's <c>tracestate</c> is at most 512).</summary>
    public const int MaxExtensionValueLength = 512;

    /// <summary>Longest scan note, in characters: a few lines for a driver's remark, not a document.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>Fastest reported speed in km/h; beyond it a reading is a device fault, not a vehicle.</summary>
    public const double MaxSpeedKmh = 2000;

    /// <summary>Largest reported accuracy radius in metres (1,000 km).</summary>
    public const double MaxAccuracyM = 1_000_000;

    /// <summary>The longest part of a refused value an error message repeats.</summary>
    public const int MaxEchoLength = 64;

    /// <summary>What is wrong with an extension attribute's name or value, or null.</summary>
    public static string? ExtensionProblem(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > MaxExtensionNameLength)
        {
            return $"Extension attribute names have at most {MaxExtensionNameLength} characters; one has {name.Length}.";
        }

        return value?.Length > MaxExtensionValueLength
            ? $"Extension attribute '{name}' has {value.Length} characters; at most {MaxExtensionValueLength} are allowed."
            : null;
    }

    /// <summary><paramref name="value"/> quoted for an error message, cut to <see cref="MaxEchoLength"/> characters.</summary>
    public static string Echo(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= MaxEchoLength ? $"'{value}'" : $"'{value[..MaxEchoLength]}…' ({value.Length} characters)";
    }
}
