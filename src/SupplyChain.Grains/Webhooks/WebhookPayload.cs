using System.Text.Json;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Grains.Webhooks;

/// <summary>The body of a delivery: one structured CloudEvent (JSON format), as UTF-8.</summary>
internal static class WebhookPayload
{
    public const string ContentType = "application/cloudevents+json";

    public static byte[] Of(OutboundEvent e)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + e.Data.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", e.Id);
            json.WriteString("source", e.Source);
            json.WriteString("type", e.Type);
            json.WriteString("subject", e.Subject);
            json.WriteString("time", e.Time);
            json.WriteString("datacontenttype", "application/json");
            json.WritePropertyName("data");
            json.WriteRawValue(e.Data);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
