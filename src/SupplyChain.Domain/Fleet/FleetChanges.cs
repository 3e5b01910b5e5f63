namespace SupplyChain.Domain.Fleet;

/// <summary>What changed inside a box since a version of a <see cref="FleetGrid{TLine}"/>. Immutable once made.</summary>
/// <param name="Changed">The latest line of each vehicle inside the box whose line changed since (new ones too), in the order of their first change.</param>
/// <param name="Left">Ids of the vehicles that were inside the box at that version and are outside it now.</param>
public sealed record FleetChanges<TLine>(IReadOnlyList<TLine> Changed, IReadOnlyList<string> Left)
{
    /// <summary>Whether anything inside the box changed.</summary>
    public bool Any => Changed.Count > 0 || Left.Count > 0;
}
