using System.Buffers;
using System.Text.Json;
using CloudNative.CloudEvents;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SupplyChain.Ingestion.Tracing;
using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Ingestion.Reading;

/// <summary>
/// Reads CloudEvents from an HTTP request in the three content modes of the CloudEvents HTTP
/// binding. Structured and batched bodies go through <see cref="StructuredEventReader"/>, which
/// reports every bad event of a batch by index (the SDK's batch decoder stops at the first). Binary
/// mode's attributes are headers, set through the SDK's own parsing. What was read goes to the
/// <see cref="IReceivedEventsObserver"/>, if any, before anything checks it. Thread safe.
/// </summary>
public sealed class CloudEventRequestReader(IOptions<IngestionOptions> options, IReceivedEventsObserver? observer = null)
{
    private const string StructuredMediaType = "application/cloudevents+json";
    private const string BatchMediaType = "application/cloudevents-batch+json";
    private const string BinaryHeaderPrefix = "ce-";

    private readonly IngestionOptions _options = options.Value;

    /// <summary>The events of the request; dispose the result once they have been looked at (it holds the body).</summary>
    /// <exception cref="IngestionRejectedException">The request as a whole is unreadable.</exception>
    public async Task<ReceivedEvents> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mode = ModeOf(request);
        var body = await ReadBodyAsync(request, cancellationToken);
        try
        {
            var (events, errors) = mode switch
            {
                Mode.Structured => StructuredEventReader.ReadStructured(body.Memory, _options.MaxEventBytes),
                Mode.Batch => StructuredEventReader.ReadBatch(body.Memory, _options.MaxEvents, _options.MaxEventBytes),
                _ => ReadBinary(request, body.Memory, _options.MaxEventBytes),
            };
            observer?.Received(events);
            return new ReceivedEvents(events, errors, body);
        }
        catch
        {
            body.Dispose();
            throw;
        }
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
        catch (BadHttpRequestException ex)
        {
            // Kestrel's verdict on the body itself: too slow (408), cut short or badly framed (400).
            body.Dispose();
            throw new IngestionRejectedException(ex.StatusCode, "Unreadable request body", ex.Message);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private IngestionRejectedException TooLarge() => new(
        StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body exceeds {_options.MaxBodyBytes} bytes.");

    private static (IReadOnlyList<ReceivedEvent?>, IReadOnlyList<EventError>) ReadBinary(HttpRequest request, ReadOnlyMemory<byte> body, int maxEventBytes)
    {
        var errors = new List<EventError>();
        var id = request.Headers["ce-id"].ToString();
        if (id.Length > EventLimits.MaxIdLength)
        {
            id = string.Empty;
        }

        if (body.Length > maxEventBytes)
        {
            return ([Fail(errors, 0, id, $"The event's data has {body.Length} bytes; at most {maxEventBytes} are allowed.")], errors);
        }

        var versionId = request.Headers["ce-specversion"].ToString();
        if (string.IsNullOrEmpty(versionId))
        {
            return ([Fail(errors, 0, id, "Binary mode needs the ce-specversion header (1.0).")], errors);
        }

        if (CloudEventsSpecVersion.FromVersionId(versionId) is not { } version)
        {
            return ([Fail(errors, 0, id, $"Unknown specversion '{versionId}'; this endpoint takes 1.0.")], errors);
        }

        var cloudEvent = new CloudEvent(version, DistributedTracing.Attributes);
        var extensions = 0;
        try
        {
            foreach (var header in request.Headers)
            {
                if (!header.Key.StartsWith(BinaryHeaderPrefix, StringComparison.OrdinalIgnoreCase)
                    || header.Key.Equals("ce-specversion", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = header.Key[BinaryHeaderPrefix.Length..].ToLowerInvariant();
                if (header.Value.Count > 1)
                {
                    return ([Fail(errors, 0, id, $"Header {EventLimits.Echo(header.Key)} appears more than once.")], errors);
                }

                var value = Uri.UnescapeDataString(header.Value.ToString());
                if (!version.AllAttributes.Any(a => a.Name == name))
                {
                    if (++extensions > EventLimits.MaxExtensions)
                    {
                        return ([Fail(errors, 0, id, $"An event may carry at most {EventLimits.MaxExtensions} extension attributes.")], errors);
                    }

                    if (EventLimits.ExtensionProblem(name, value) is { } tooLong)
                    {
                        return ([Fail(errors, 0, id, tooLong)], errors);
                    }
                }

                cloudEvent.SetAttributeFromString(name, value);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return ([Fail(errors, 0, id, ex.Message)], errors);
        }

        var kind = JsonValueKind.Undefined;
        if (!body.IsEmpty)
        {
            try
            {
                kind = StructuredEventReader.KindOfValue(body.Span);
            }
            catch (JsonException ex)
            {
                return ([Fail(errors, 0, id, $"The body (the event's data) is not valid JSON: {ex.Message}")], errors);
            }
        }

        cloudEvent.DataContentType = request.ContentType;
        var received = ReceivedEvent.WithAttributesOf(cloudEvent);
        received.DataKind = kind;
        received.Data = kind == JsonValueKind.Object ? body : default;
        return ([received], errors);
    }

    private static ReceivedEvent? Fail(List<EventError> errors, int index, string? id, string message) =>
        StructuredEventReader.Fail(errors, index, id, message);

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
