namespace SupplyChain.Fuzz.Cases;

/// <summary>The API keys a run uses: a carrier key that may post for any source, and an admin key.</summary>
internal sealed record FuzzKeys(string Carrier, string Admin)
{
    /// <summary>The keys every silo has in the Development environment.</summary>
    public static FuzzKeys Development { get; } = new("dev-carrier", "dev-admin");
}
