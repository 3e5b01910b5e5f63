using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace SupplyChain.Ingestion.Reading;

/// <summary>
/// The SDK's System.Text.Json formatter, deciding whether an event's <c>data</c> is JSON without
/// parsing its <c>datacontenttype</c> into a <see cref="System.Net.Mime.ContentType"/> once more:
/// that parse (a hashtable and several strings) was the largest single allocation of decoding a
/// ping, and the attribute's own validation has already parsed the value once when it was set, so a
/// malformed one never gets here. The decision is the SDK's: the media type, before any parameters,
/// ends with <c>/json</c> or <c>+json</c>. Everything else is left to the SDK.
/// </summary>
internal sealed class EventDataFormatter : JsonEventFormatter
{
    protected override void DecodeStructuredModeDataProperty(JsonElement dataElement, CloudEvent cloudEvent)
    {
        if (cloudEvent.DataContentType is { } contentType && IsJson(contentType))
        {
            // A copy: the request's JSON document is returned to the pool before the event is validated.
            cloudEvent.Data = dataElement.Clone();
            return;
        }

        base.DecodeStructuredModeDataProperty(dataElement, cloudEvent);
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = MediaType.Of(contentType);
        return mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
