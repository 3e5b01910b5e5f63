namespace SupplyChain.Archive.Records;

/// <summary>The values of the archive's <c>direction</c> column.</summary>
public static class ArchiveDirection
{
    /// <summary>An event a carrier or device posted and the platform accepted.</summary>
    public const string Inbound = "inbound";

    /// <summary>An event the platform raised.</summary>
    public const string Outbound = "outbound";
}
