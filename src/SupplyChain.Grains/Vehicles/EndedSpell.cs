namespace SupplyChain.Grains.Vehicles;

/// <summary>A shipment's ended spell on a vehicle: its fixes from <see cref="Since"/> up to, not including, <see cref="Until"/>.</summary>
[GenerateSerializer, Alias("sc.EndedSpell")]
internal sealed record EndedSpell([property: Id(0)] string Shipment, [property: Id(1)] DateTimeOffset Since, [property: Id(2)] DateTimeOffset Until);
