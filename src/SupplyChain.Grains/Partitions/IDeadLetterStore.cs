namespace SupplyChain.Grains.Partitions;

/// <summary>
/// Where poison events go: memory in the embedded profile, an Azure table in the durable one.
/// Adding a letter that is already there replaces it.
/// </summary>
public interface IDeadLetterStore
{
    /// <summary>Keeps <paramref name="letter"/>; throws when the store cannot, so the event is not dropped.</summary>
    Task AddAsync(InboundDeadLetter letter, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> letters, oldest first.</summary>
    Task<IReadOnlyList<InboundDeadLetter>> ListAsync(int max, CancellationToken cancellationToken);

    /// <summary>The letter <paramref name="id"/>, or null.</summary>
    Task<InboundDeadLetter?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Forgets the letter <paramref name="id"/> (after a re-drive); no error when absent.</summary>
    Task RemoveAsync(string id, CancellationToken cancellationToken);
}
