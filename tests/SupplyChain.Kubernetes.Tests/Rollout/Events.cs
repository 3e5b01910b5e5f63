using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SupplyChain.Kubernetes.Tests.Rollout;

/// <summary>A shipment's journey, and batches as bytes a rollout test can send again or in parts (the events themselves: <see cref="CloudEvents"/>).</summary>
internal static class Events
{
    public static readonly string[] Steps = ["PickedUp", "ArrivedAtFacility", "DepartedFacility", "LoadedOnVehicle", "OutForDelivery", "Delivered"];

    public static byte[] Batch(IEnumerable<JsonNode> events) => Encoding.UTF8.GetBytes(CloudEvents.BatchBody(events));

    public static ByteArrayContent Content(byte[] body) => WithType(new ByteArrayContent(body));

    public static T WithType<T>(T content)
        where T : HttpContent
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents-batch+json") { CharSet = "utf-8" };
        return content;
    }
}
