using System.Text.Json.Serialization;

namespace SupplyChain.Silo.Audit;

/// <summary>The JSON of a record's source list in its table column.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class AuditJson : JsonSerializerContext;
