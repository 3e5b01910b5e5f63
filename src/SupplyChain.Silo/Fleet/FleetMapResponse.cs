using SupplyChain.Silo.Vehicles;

namespace SupplyChain.Silo.Fleet;

/// <summary>
/// <c>GET /api/ops/map</c>: what the map shows of a box. <c>Mode</c> <c>markers</c>: the vehicles one by
/// one (<c>Full</c>: every vehicle inside; otherwise those that changed since the cursor, and in
/// <c>Left</c> those that went out of the box). <c>Mode</c> <c>clusters</c>: more vehicles than the
/// marker limit, counted per grid cell (<c>Full</c>: every cluster; otherwise nothing inside changed
/// and <c>Clusters</c> is empty: keep what you show).
/// </summary>
public sealed record FleetMapResponse(
    string Mode,
    bool Full,
    string Cursor,
    int Zoom,
    int Level,
    int Within,
    FleetCounts Fleet,
    IReadOnlyList<VehicleListItem> Vehicles,
    IReadOnlyList<string> Left,
    IReadOnlyList<FleetClusterResponse> Clusters)
{
    /// <summary>The mode of vehicles one by one.</summary>
    public const string MarkersMode = "markers";

    /// <summary>The mode of counted cells.</summary>
    public const string ClustersMode = "clusters";
}

/// <summary>The whole fleet's counts, for the map's header.</summary>
public sealed record FleetCounts(int Vehicles, int Moving);

/// <summary>A cluster: how many vehicles (and how many of them moving) are in a grid cell, drawn at their mean position.</summary>
public sealed record FleetClusterResponse(double Lat, double Lon, int Count, int Moving);
