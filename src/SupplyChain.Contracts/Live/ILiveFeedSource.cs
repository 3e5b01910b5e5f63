namespace SupplyChain.Contracts.Live;

/// <summary>A grain that live subscribers can watch.</summary>
public interface ILiveFeedSource
{
    /// <summary>Registers or renews <paramref name="observer"/>.</summary>
    [Alias("Watch")]
    Task Watch(ILiveFeedObserver observer);

    /// <summary>Removes <paramref name="observer"/>.</summary>
    [Alias("Unwatch")]
    Task Unwatch(ILiveFeedObserver observer);
}
