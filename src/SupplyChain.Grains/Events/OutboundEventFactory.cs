using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SupplyChain.Contracts.Events;
using SupplyChain.Domain.Events;

namespace SupplyChain.Grains.Events;

/// <summary>Builds outbound CloudEvents whose ids derive from their cause.</summary>
internal static class OutboundEventFactory
{
    public static OutboundEvent Create<T>(
        string type, string source, string subject, string cause, DateTimeOffset time, T data, JsonTypeInfo<T> typeInfo) =>
        new(
            OutboundEventId.Derive(cause, type, subject),
            type,
            source,
            subject,
            time,
            JsonSerializer.Serialize(data, typeInfo));
}
