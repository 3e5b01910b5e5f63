using System.Buffers;
using System.Text.Json;
using SupplyChain.Archive.Records;

namespace SupplyChain.Replay.Posting;

/// <summary>A batched-mode request body and how many events it holds.</summary>
/// <param name="Body">The <c>application/cloudevents-batch+json</c> body.</param>
/// <param name="Count">The events in it.</param>
internal sealed record EventBatch(byte[] Body, int Count)
{
    /// <summary>
    /// The batch of the events of <paramref name="events"/> from <paramref name="start"/> on: at most
    /// <paramref name="maxEvents"/> events, closed early once the body passes <paramref name="maxBytes"/>
    /// (always at least one event). An event for which <paramref name="alone"/> holds goes in a batch of its own.
    /// </summary>
    public static EventBatch From(IReadOnlyList<ArchiveRecord> events, int start, int maxEvents, int maxBytes, Func<ArchiveRecord, bool> alone)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var count = 0;
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            while (start + count < events.Count && count < maxEvents && (count == 0 || (json.BytesPending + json.BytesCommitted < maxBytes && !alone(events[start + count]))))
            {
                InboundCloudEvent.Write(json, events[start + count]);
                count++;
                if (count == 1 && alone(events[start]))
                {
                    break;
                }
            }

            json.WriteEndArray();
        }

        return new EventBatch(buffer.WrittenSpan.ToArray(), count);
    }
}
