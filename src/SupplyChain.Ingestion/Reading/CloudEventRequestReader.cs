using System.Buffers;
using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SupplyChain.Ingestion.Tracing;

namespace SupplyChain.Ingestion.Reading;

/// <summary>
/// Reads CloudEvents from an HTTP request in the three content modes of the CloudEvents HTTP
/// binding (structured, batched, binary), with the SDK's System.Text.Json formatter. The SDK's
/// ASP.NET Core binding is not available to us, and its batch decoder stops at the first bad
/// event, so this reads a batch element by element to report every bad event by index.
/// Thread safe.
/// </summary>
public sealed class CloudEventRequestReader(IOptions<IngestionOptions> options)
{
    private const string StructuredMediaType = "application/cloudevents+json";
    private const string BatchMediaType = "application/cloudevents-batch+json";
    private const string BinaryHeaderPrefix = "ce-";

    private static readonly JsonEventFormatter Formatter = new EventDataFormatter();
    private readonly IngestionOptions _options = options.Value;

    /// <summary>
    /// The events of the request, one entry per event in request order: the event, or null
    /// where it could not be read (its error is in <c>errors</c>).
    /// </summary>
    /// <exception cref="IngestionRejectedException">The request as a whole is unreadable.</exception>
    public async Task<(IReadOnlyList<CloudEvent?> Events, IReadOnlyList<EventError> Errors)> ReadAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mode = ModeOf(request);
        using var body = await ReadBodyAsync(request, cancellationToken);
        return mode switch
        {
            Mode.Structured => ReadStructured(body.Memory),
            Mode.Batch => ReadBatch(body.Memory),
            _ => ReadBinary(request, body.Memory),
        };
    }

    private static Mode ModeOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || contentType.MediaType.Value is not { } mediaType)
        {
            throw Unsupported(request.ContentType);
        }

        if (mediaType.Equals(StructuredMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Mode.Structured;
        }

        if (mediaType.Equals(BatchMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Mode.Batch;
        }

        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Mode.Binary;
        }

        throw Unsupported(request.ContentType);
    }

    private static IngestionRejectedException Unsupported(string? contentType) => new(
        StatusCodes.Status415UnsupportedMediaType,
        "Unsupported content type",
        $"Content-Type '{contentType}' is not a CloudEvents content mode: use {StructuredMediaType}, "
        + $"{BatchMediaType}, or application/json with ce-* headers (binary mode).");

    private async Task<PooledBody> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > _options.MaxBodyBytes)
        {
            throw TooLarge();
        }

        // One byte more than the content length lets a lying client be caught without a second read.
        var body = new PooledBody((int)Math.Min(request.ContentLength + 1 ?? 16 * 1024, _options.MaxBodyBytes + 1L));
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(body.Free, cancellationToken)) > 0)
            {
                body.Advance(read);
                if (body.Length > _options.MaxBodyBytes)
                {
                    throw TooLarge();
                }
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private IngestionRejectedException TooLarge() => new(
        StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body exceeds {_options.MaxBodyBytes} bytes.");

    private static (IReadOnlyList<CloudEvent?>, IReadOnlyList<EventError>) ReadStructured(ReadOnlyMemory<byte> body)
    {
        using var document = Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new IngestionRejectedException("A structured-mode body must be one JSON object.");
        }

        var errors = new List<EventError>();
        return ([Convert(document.RootElement, 0, errors)], errors);
    }

    private (IReadOnlyList<CloudEvent?>, IReadOnlyList<EventError>) ReadBatch(ReadOnlyMemory<byte> body)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new IngestionRejectedException("A batched-mode body must be a JSON array of CloudEvents.");
        }

        var count = root.GetArrayLength();
        if (count == 0)
        {
            throw new IngestionRejectedException("The batch is empty.");
        }

        if (count > _options.MaxEvents)
        {
            throw new IngestionRejectedException(
                StatusCodes.Status413PayloadTooLarge, "Too many events", $"The batch holds {count} events; at most {_options.MaxEvents} are allowed.");
        }

        var events = new CloudEvent?[count];
        var errors = new List<EventError>();
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            events[index] = element.ValueKind == JsonValueKind.Object
                ? Convert(element, index, errors)
                : Fail(errors, index, null, "Each element of a batch must be a JSON object.");
            index++;
        }

        return (events, errors);
    }

    private static (IReadOnlyList<CloudEvent?>, IReadOnlyList<EventError>) ReadBinary(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        var errors = new List<EventError>();
        var id = request.Headers["ce-id"].ToString();
        var versionId = request.Headers["ce-specversion"].ToString();
        if (string.IsNullOrEmpty(versionId))
        {
            return ([Fail(errors, 0, id, "Binary mode needs the ce-specversion header (1.0).")], errors);
        }

        if (CloudEventsSpecVersion.FromVersionId(versionId) is not { } version)
        {
            return ([Fail(errors, 0, id, $"Unknown specversion '{versionId}'; this endpoint takes 1.0.")], errors);
        }

        try
        {
            var cloudEvent = new CloudEvent(version);
            foreach (var header in request.Headers)
            {
                if (!header.Key.StartsWith(BinaryHeaderPrefix, StringComparison.OrdinalIgnoreCase)
                    || header.Key.Equals("ce-specversion", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = header.Key[BinaryHeaderPrefix.Length..].ToLowerInvariant();
                cloudEvent.SetAttributeFromString(name, Uri.UnescapeDataString(header.Value.ToString()));
            }

            cloudEvent.DataContentType = request.ContentType;
            if (!body.IsEmpty)
            {
                Formatter.DecodeBinaryModeEventData(body, cloudEvent);
            }

            return ([cloudEvent], errors);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            return ([Fail(errors, 0, id, ex.Message)], errors);
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new IngestionRejectedException($"The body is not valid JSON: {ex.Message}", ex);
        }
    }

    private static CloudEvent? Convert(JsonElement element, int index, List<EventError> errors)
    {
        var id = element.TryGetProperty("id", out var idProperty) && idProperty.ValueKind == JsonValueKind.String
            ? idProperty.GetString()
            : null;
        if (!element.TryGetProperty("specversion", out var version) || version.ValueKind != JsonValueKind.String)
        {
            return Fail(errors, index, id, "Missing specversion (1.0).");
        }

        if (CloudEventsSpecVersion.FromVersionId(version.GetString()) is null)
        {
            return Fail(errors, index, id, $"Unknown specversion '{version.GetString()}'; this endpoint takes 1.0.");
        }

        try
        {
            return Formatter.ConvertFromJsonElement(element, DistributedTracing.Attributes);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            return Fail(errors, index, id, ex.Message);
        }
    }

    private static CloudEvent? Fail(List<EventError> errors, int index, string? id, string message)
    {
        errors.Add(new EventError(index, string.IsNullOrEmpty(id) ? null : id, message));
        return null;
    }

    private enum Mode
    {
        Structured,
        Batch,
        Binary,
    }

    /// <summary>A request body read into a pooled buffer, returned to the pool on dispose.</summary>
    private sealed class PooledBody(int capacity) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(capacity);

        public int Length { get; private set; }

        /// <summary>The unused rest of the buffer, doubled first when none is left.</summary>
        public Memory<byte> Free
        {
            get
            {
                if (Length == _buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                    _buffer.AsSpan(0, Length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = larger;
                }

                return _buffer.AsMemory(Length);
            }
        }

        public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

        public void Advance(int count) => Length += count;

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
