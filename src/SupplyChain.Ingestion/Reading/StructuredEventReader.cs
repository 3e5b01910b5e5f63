using System.Globalization;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using Microsoft.AspNetCore.Http;
using SupplyChain.Contracts.Events;
using SupplyChain.Ingestion.Tracing;
using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Ingestion.Reading;

/// <summary>
/// Reads structured-mode and batched-mode bodies (the CloudEvents JSON format) in one forward pass of
/// <see cref="Utf8JsonReader"/>, straight into <see cref="ReceivedEvent"/>s. It decides what the SDK's
/// <c>JsonEventFormatter</c> decides: the same token rules for each attribute, and the SDK's own
/// attribute definitions parse and validate every value it keeps. What it leaves out is the SDK's
/// object model: a JSON document for the body, a <see cref="CloudEvent"/> with its attribute
/// dictionary per event, and a copy of every event's data were most of what a ping cost to decode
/// (benchmarks.md). A property test holds this reader and the SDK's formatter to the same answers.
/// Thread safe: static, without state.
/// </summary>
internal static class StructuredEventReader
{
    private static readonly CloudEventsSpecVersion Version = CloudEventsSpecVersion.V1_0;

    /// <summary>What an event's <c>datacontenttype</c> is when its <c>data</c> is JSON and it names none.</summary>
    private const string DefaultDataContentType = "application/json";

    /// <summary>Longest escaped <c>time</c> read without the SDK: the usual shape with an escaped offset sign is 38 bytes.</summary>
    private const int MaxEscapedTimeBytes = 64;

    private static ReadOnlySpan<byte> JsonContentType => "application/json"u8;

    /// <summary>
    /// Reads a batched-mode body: a JSON array of events, at most <paramref name="maxEvents"/> of them,
    /// each at most <paramref name="maxEventBytes"/> of JSON.
    /// </summary>
    /// <exception cref="IngestionRejectedException">The body as a whole is unreadable, empty or too large.</exception>
    public static (IReadOnlyList<ReceivedEvent?> Events, IReadOnlyList<EventError> Errors) ReadBatch(
        ReadOnlyMemory<byte> body, int maxEvents, int maxEventBytes = IngestionOptions.DefaultMaxEventBytes)
    {
        var reader = new Utf8JsonReader(body.Span);
        var events = new List<ReceivedEvent?>();
        var errors = new List<EventError>();
        var count = 0;
        try
        {
            if (!StartsWith(ref reader, JsonTokenType.StartArray))
            {
                throw new IngestionRejectedException("A batched-mode body must be a JSON array of CloudEvents.");
            }

            var sources = new SourceCache();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var index = count++;
                if (count > maxEvents)
                {
                    // Counted to the end all the same, so the answer can say how many there were.
                    reader.Skip();
                }
                else if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    events.Add(Fail(errors, index, null, "Each element of a batch must be a JSON object."));
                }
                else
                {
                    events.Add(ReadEvent(ref reader, body, index, errors, ref sources, maxEventBytes));
                }
            }

            EndOfBody(ref reader);
        }
        catch (JsonException ex)
        {
            throw NotJson(ex);
        }

        if (count == 0)
        {
            throw new IngestionRejectedException("The batch is empty.");
        }

        if (count > maxEvents)
        {
            throw new IngestionRejectedException(
                StatusCodes.Status413PayloadTooLarge, "Too many events", $"The batch holds {count} events; at most {maxEvents} are allowed.");
        }

        return (events, errors);
    }

    /// <summary>Reads a structured-mode body: one JSON object of at most <paramref name="maxEventBytes"/>.</summary>
    /// <exception cref="IngestionRejectedException">The body is not one JSON object.</exception>
    public static (IReadOnlyList<ReceivedEvent?> Events, IReadOnlyList<EventError> Errors) ReadStructured(
        ReadOnlyMemory<byte> body, int maxEventBytes = IngestionOptions.DefaultMaxEventBytes)
    {
        var reader = new Utf8JsonReader(body.Span);
        var errors = new List<EventError>();
        try
        {
            if (!StartsWith(ref reader, JsonTokenType.StartObject))
            {
                throw new IngestionRejectedException("A structured-mode body must be one JSON object.");
            }

            var sources = new SourceCache();
            var received = ReadEvent(ref reader, body, 0, errors, ref sources, maxEventBytes);
            EndOfBody(ref reader);
            return ([received], errors);
        }
        catch (JsonException ex)
        {
            throw NotJson(ex);
        }
    }

    /// <summary>
    /// Whether the body's one JSON value starts with <paramref name="token"/>. When it does not, the
    /// value is read to its end first, so that malformed JSON is reported as such before its shape is.
    /// </summary>
    private static bool StartsWith(ref Utf8JsonReader reader, JsonTokenType token)
    {
        reader.Read();
        if (reader.TokenType == token)
        {
            return true;
        }

        reader.Skip();
        EndOfBody(ref reader);
        return false;
    }

    /// <summary>Nothing but blanks may follow the body's one JSON value; the reader throws when something does.</summary>
    private static void EndOfBody(ref Utf8JsonReader reader) => reader.Read();

    private static IngestionRejectedException NotJson(JsonException ex) => new($"The body is not valid JSON: {ex.Message}", ex);

    /// <summary>
    /// Reads one event object, the reader on its start, and leaves the reader on its end. A value the
    /// CloudEvents rules refuse makes the event an error; the rest of the body is read on regardless.
    /// An attribute named twice is refused rather than resolved: a sender that repeats one does not
    /// know which value it meant, and whichever is kept, a reader downstream may take the other.
    /// </summary>
    private static ReceivedEvent? ReadEvent(
        ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, int index, List<EventError> errors, ref SourceCache sources, int maxEventBytes)
    {
        var start = reader.TokenStartIndex;
        var received = new ReceivedEvent();
        var specVersionError = "Missing specversion (1.0).";
        string? attributeError = null;
        var hasData = false;
        var hasDataBase64 = false;
        var seen = 0;
        List<string>? extensions = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Only turning a string into text can fail here; the reader is then still on that string or its name.
            var onValue = false;
            try
            {
                var property = PropertyOf(ref reader);
                string? extension = null;
                if (property == Property.Extension)
                {
                    if (!TryGetString(ref reader, out extension))
                    {
                        attributeError ??= "An attribute name is not valid text (invalid UTF-8 or an unpaired surrogate).";
                    }
                    else if (extensions?.Contains(extension!, StringComparer.Ordinal) == true)
                    {
                        attributeError ??= $"Attribute {EventLimits.Echo(extension!)} appears more than once.";
                    }
                    else if ((extensions ??= []).Count == EventLimits.MaxExtensions)
                    {
                        attributeError ??= $"An event may carry at most {EventLimits.MaxExtensions} extension attributes.";
                    }
                    else
                    {
                        extensions.Add(extension!);
                    }
                }
                else if ((seen & (1 << (int)property)) != 0)
                {
                    attributeError ??= $"Attribute '{NameOf(property)}' appears more than once.";
                }
                else
                {
                    seen |= 1 << (int)property;
                }

                reader.Read();
                onValue = true;
                switch (property)
                {
                    case Property.SpecVersion:
                        specVersionError = SpecVersionError(ref reader);
                        break;
                    case Property.Data:
                        hasData = reader.TokenType != JsonTokenType.Null;
                        ReadData(ref reader, body, received);
                        break;
                    case Property.DataBase64:
                        // Binary data is never an object, so the contract refuses it later; its value is not looked at.
                        hasDataBase64 = reader.TokenType != JsonTokenType.Null;
                        reader.Skip();
                        break;
                    case var _ when reader.TokenType == JsonTokenType.Null:
                        // A null attribute is as good as an absent one.
                        break;
                    case var _ when attributeError is not null:
                        // The event is refused already (by its first error, as the SDK's is); its other values are only passed over.
                        reader.Skip();
                        break;
                    default:
                        attributeError = extension is not null
                            ? ReadExtension(ref reader, extension)
                            : ReadAttribute(ref reader, property, received, ref sources);
                        break;
                }
            }
            catch (InvalidOperationException)
            {
                // The JSON escapes an unpaired surrogate (\ud800) in a name or value: well-formed JSON, but not text.
                attributeError ??= "An attribute's name or value is not valid text (an unpaired surrogate).";
                if (!onValue)
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        if (reader.BytesConsumed - start > maxEventBytes)
        {
            attributeError = $"The event has {reader.BytesConsumed - start} bytes of JSON; at most {maxEventBytes} are allowed.";
        }

        if (hasData && hasDataBase64)
        {
            attributeError ??= "An event carries either data or data_base64, not both.";
        }

        // The SDK looks at the spec version before anything else, then at the attributes in order.
        if ((specVersionError ?? attributeError) is { } error)
        {
            return Fail(errors, index, received.Id, error);
        }

        if (hasData)
        {
            received.DataContentType ??= DefaultDataContentType;
        }
        else
        {
            received.DataKind = hasDataBase64 ? JsonValueKind.String : JsonValueKind.Undefined;
            received.Data = default;
        }

        return received;
    }

    /// <summary>
    /// The time in the usual shape, escaped or not: System.Text.Json's writers escape a <c>+</c> offset
    /// (<c>\u002B00:00</c>) by default, so senders built on it never send the plain form.
    /// </summary>
    private static bool TryReadTime(ref Utf8JsonReader reader, out DateTimeOffset time)
    {
        if (!reader.ValueIsEscaped)
        {
            return EventTime.TryRead(reader.ValueSpan, out time);
        }

        if (reader.ValueSpan.Length > MaxEscapedTimeBytes)
        {
            time = default;
            return false;
        }

        Span<byte> unescaped = stackalloc byte[MaxEscapedTimeBytes];
        int length;
        try
        {
            length = reader.CopyString(unescaped);
        }
        catch (InvalidOperationException)
        {
            // Not text (an escaped unpaired surrogate): the general path reports it.
            time = default;
            return false;
        }

        return EventTime.TryRead(unescaped[..length], out time);
    }

    private static Property PropertyOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("id"u8) ? Property.Id
        : reader.ValueTextEquals("source"u8) ? Property.Source
        : reader.ValueTextEquals("type"u8) ? Property.Type
        : reader.ValueTextEquals("time"u8) ? Property.Time
        : reader.ValueTextEquals("data"u8) ? Property.Data
        : reader.ValueTextEquals("specversion"u8) ? Property.SpecVersion
        : reader.ValueTextEquals("datacontenttype"u8) ? Property.DataContentType
        : reader.ValueTextEquals("subject"u8) ? Property.Subject
        : reader.ValueTextEquals("traceparent"u8) ? Property.TraceParent
        : reader.ValueTextEquals("tracestate"u8) ? Property.TraceState
        : reader.ValueTextEquals("dataschema"u8) ? Property.DataSchema
        : reader.ValueTextEquals("data_base64"u8) ? Property.DataBase64
        : Property.Extension;

    private static string? SpecVersionError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return "Missing specversion (1.0).";
        }

        if (reader.ValueTextEquals("1.0"u8))
        {
            return null;
        }

        return TryGetString(ref reader, out var version)
            ? $"Unknown specversion {EventLimits.Echo(version!)}; this endpoint takes 1.0."
            : "Unknown specversion (not valid text); this endpoint takes 1.0.";
    }

    private static void ReadData(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ReceivedEvent received)
    {
        var start = (int)reader.TokenStartIndex;
        received.DataKind = KindOf(reader.TokenType);
        reader.Skip();
        received.Data = received.DataKind == JsonValueKind.Object ? body[start..(int)reader.BytesConsumed] : default;
    }

    /// <summary>The kind of the one JSON value <paramref name="json"/> holds; throws when it is not exactly one valid value.</summary>
    /// <exception cref="JsonException">It is not.</exception>
    public static JsonValueKind KindOfValue(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var kind = reader.TokenType == JsonTokenType.Null ? JsonValueKind.Null : KindOf(reader.TokenType);
        reader.Skip();
        EndOfBody(ref reader);
        return kind;
    }

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Undefined,
    };

    /// <summary>Reads one context attribute's value (not null) into <paramref name="received"/>; what is wrong with it, if anything.</summary>
    private static string? ReadAttribute(ref Utf8JsonReader reader, Property property, ReceivedEvent received, ref SourceCache sources)
    {
        if (property is Property.TraceParent or Property.TraceState)
        {
            // Extensions take booleans and integers too, as their text; these two are strings by their definition.
            if (TextOf(ref reader, out var text) is { } invalid)
            {
                return invalid;
            }

            if (EventLimits.ExtensionProblem(NameOf(property), text) is { } tooLong)
            {
                return tooLong;
            }

            var attribute = property == Property.TraceParent ? DistributedTracing.TraceParent : DistributedTracing.TraceState;
            if (Parse(attribute, text!, out var value) is { } refused)
            {
                return refused;
            }

            if (property == Property.TraceParent)
            {
                received.TraceParent = (string)value!;
            }
            else
            {
                received.TraceState = (string)value!;
            }

            return null;
        }

        // Every attribute the specification defines is a string, a URI or a timestamp: JSON strings only.
        if (reader.TokenType != JsonTokenType.String)
        {
            var kind = KindOf(reader.TokenType);
            reader.Skip();
            return $"{NameOf(property)} must be a JSON string, not {kind}.";
        }

        switch (property)
        {
            case Property.Type when reader.ValueTextEquals(EventTypes.GpsPing):
                received.Type = EventTypes.GpsPing;
                return null;
            case Property.Type when reader.ValueTextEquals(EventTypes.ItemScanned):
                received.Type = EventTypes.ItemScanned;
                return null;
            case Property.Source when sources.Matches(ref reader):
                received.Source = sources.Last;
                return null;
            case Property.Time when TryReadTime(ref reader, out var time):
                received.Time = time;
                return null;
            case Property.DataContentType when reader.ValueTextEquals(JsonContentType):
                // The usual value, valid by definition: the SDK's check of it builds a ContentType per event.
                received.DataContentType = DefaultDataContentType;
                return null;
        }

        if (!TryGetString(ref reader, out var raw))
        {
            return $"{NameOf(property)} is not valid text (invalid UTF-8 or an unpaired surrogate).";
        }

        var parsed = Parse(AttributeOf(property), raw!, out var parsedValue);
        if (parsed is not null)
        {
            return parsed;
        }

        switch (property)
        {
            case Property.Id:
                received.Id = (string)parsedValue!;
                break;
            case Property.Source:
                received.Source = ((Uri)parsedValue!).OriginalString;
                sources.Remember(received.Source);
                break;
            case Property.Type:
                received.Type = (string)parsedValue!;
                break;
            case Property.Subject:
                received.Subject = (string)parsedValue!;
                break;
            case Property.Time:
                received.Time = (DateTimeOffset)parsedValue!;
                break;
            case Property.DataContentType:
                received.DataContentType = (string)parsedValue!;
                break;
        }

        return null;
    }

    /// <summary>An extension attribute: a valid name, and a string, boolean or 32-bit integer value, kept as nothing here.</summary>
    private static string? ReadExtension(ref Utf8JsonReader reader, string name)
    {
        if (TextOf(ref reader, out var text) is { } invalid)
        {
            return invalid;
        }

        if (EventLimits.ExtensionProblem(name, text) is { } tooLong)
        {
            return tooLong;
        }

        CloudEventAttribute attribute;
        try
        {
            attribute = CloudEventAttribute.CreateExtension(name, CloudEventAttributeType.String);
        }
        catch (ArgumentException ex)
        {
            return $"'{name}' is not a valid attribute name: {ex.Message}";
        }

        return Parse(attribute, text!, out _);
    }

    /// <summary>
    /// An extension's value as text, as the SDK takes it: strings as they are, booleans as
    /// <c>true</c>/<c>false</c>, numbers only when they are 32-bit integers; null when that is all right.
    /// </summary>
    private static string? TextOf(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return TryGetString(ref reader, out text) ? null : "An extension attribute's value is not valid text (invalid UTF-8 or an unpaired surrogate).";
            case JsonTokenType.True:
            case JsonTokenType.False:
                text = reader.GetBoolean() ? "true" : "false";
                return null;
            case JsonTokenType.Number when reader.TryGetInt32(out var number):
                text = number.ToString(CultureInfo.InvariantCulture);
                return null;
            case JsonTokenType.Number:
                return "An extension attribute's number must be a 32-bit integer.";
            default:
                var kind = KindOf(reader.TokenType);
                reader.Skip();
                return $"An extension attribute cannot be a JSON {kind}.";
        }
    }

    /// <summary>
    /// The current string token's value, or false when it is not text: the reader passes invalid UTF-8
    /// and escaped unpaired surrogates (<c>\ud800</c>) through, and only transcoding them to a string fails.
    /// </summary>
    private static bool TryGetString(ref Utf8JsonReader reader, out string? value)
    {
        try
        {
            value = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    private static string? Parse(CloudEventAttribute attribute, string text, out object? value)
    {
        try
        {
            value = attribute.Parse(text);
            return null;
        }
        catch (ArgumentException ex)
        {
            value = null;
            return ex.Message;
        }
    }

    private static CloudEventAttribute AttributeOf(Property property) => property switch
    {
        Property.Id => Version.IdAttribute,
        Property.Source => Version.SourceAttribute,
        Property.Type => Version.TypeAttribute,
        Property.Subject => Version.SubjectAttribute,
        Property.Time => Version.TimeAttribute,
        Property.DataContentType => Version.DataContentTypeAttribute,
        Property.DataSchema => Version.DataSchemaAttribute,
        _ => throw new ArgumentOutOfRangeException(nameof(property), property, "Not an attribute the specification defines."),
    };

    private static string NameOf(Property property) => property switch
    {
        Property.SpecVersion => "specversion",
        Property.Data => "data",
        Property.DataBase64 => "data_base64",
        Property.TraceParent => DistributedTracing.TraceParent.Name,
        Property.TraceState => DistributedTracing.TraceState.Name,
        _ => AttributeOf(property).Name,
    };

    /// <summary>Records what is wrong with event <paramref name="index"/>; null, for the event's place in the list.</summary>
    public static ReceivedEvent? Fail(List<EventError> errors, int index, string? id, string message)
    {
        // An id over its bound is not repeated back: it may be most of a megabyte.
        errors.Add(new EventError(index, string.IsNullOrEmpty(id) || id.Length > EventLimits.MaxIdLength ? null : id, message));
        return null;
    }

    private enum Property
    {
        Id,
        Source,
        Type,
        Time,
        Subject,
        DataContentType,
        DataSchema,
        SpecVersion,
        Data,
        DataBase64,
        TraceParent,
        TraceState,
        Extension,
    }

    /// <summary>
    /// The last source a request named, as bytes and as its string: a request's events nearly always
    /// share one, so it is parsed as a URI reference once, and all its events share one string.
    /// </summary>
    private struct SourceCache
    {
        private byte[]? _utf8;

        public string? Last { get; private set; }

        public readonly bool Matches(ref Utf8JsonReader reader) => _utf8 is not null && reader.ValueTextEquals(_utf8);

        public void Remember(string source)
        {
            _utf8 = Encoding.UTF8.GetBytes(source);
            Last = source;
        }
    }
}
