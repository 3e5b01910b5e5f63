namespace SupplyChain.Contracts.Geofences;

/// <summary>All geofences at one version, as GeoJSON Features keyed by id.</summary>
[GenerateSerializer, Immutable, Alias("sc.GeofenceSet")]
public sealed record GeofenceSet([property: Id(0)] long Version, [property: Id(1)] IReadOnlyDictionary<string, string> Features);
