namespace SupplyChain.Grains.Geofences;

/// <summary>The registry's stored state: every fence as its GeoJSON Feature.</summary>
[GenerateSerializer, Alias("sc.GeofenceRegistryState")]
internal sealed class GeofenceRegistryState
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public Dictionary<string, string> Features { get; set; } = new(StringComparer.Ordinal);
}
