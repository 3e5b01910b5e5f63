using System.Collections.Concurrent;

namespace SupplyChain.Grains.Partitions;

/// <summary>The embedded profile's dead letters: this silo's memory, gone with it. Thread safe.</summary>
internal sealed class MemoryDeadLetterStore : IDeadLetterStore
{
    private readonly ConcurrentDictionary<string, InboundDeadLetter> _letters = new(StringComparer.Ordinal);

    public Task AddAsync(InboundDeadLetter letter, CancellationToken cancellationToken)
    {
        _letters[letter.Id] = letter;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<InboundDeadLetter>> ListAsync(int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InboundDeadLetter>>([.. _letters.Values.OrderBy(l => l.At).Take(max)]);

    public Task<InboundDeadLetter?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_letters.GetValueOrDefault(id));

    public Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        _letters.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
