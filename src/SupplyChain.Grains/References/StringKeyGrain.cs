namespace SupplyChain.Grains.References;

/// <summary>
/// References to the grains of one interface by string key, for the per-event paths. Orleans'
/// <c>GetGrain&lt;T&gt;(string)</c> resolves the interface's grain type through its attributes
/// (reflection, no cache) on every call, one resolution per ping, which showed in profiles of the
/// ping load (docs/benchmarks.md, "Figures behind design choices"). Here the grain and interface types are taken once from
/// the first reference, and every later reference is made from its grain id. Thread safe.
/// </summary>
/// <typeparam name="TGrain">The grain interface.</typeparam>
internal static class StringKeyGrain<TGrain>
    where TGrain : IGrainWithStringKey
{
    // A class, so that a reader sees both types or neither; resolving twice is harmless.
    private static Resolved? _resolved;

    /// <summary>The grain of <typeparamref name="TGrain"/> with <paramref name="key"/>.</summary>
    public static TGrain Get(IGrainFactory grains, string key)
    {
        if (_resolved is { } resolved)
        {
            return (TGrain)grains.GetGrain(GrainId.Create(resolved.Type, key), resolved.Interface);
        }

        var first = grains.GetGrain<TGrain>(key);
        var reference = (GrainReference)(object)first;
        _resolved = new Resolved(reference.GrainId.Type, reference.InterfaceType);
        return first;
    }

    private sealed record Resolved(GrainType Type, GrainInterfaceType Interface);
}
