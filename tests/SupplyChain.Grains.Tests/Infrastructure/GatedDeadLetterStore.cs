using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SupplyChain.Grains.Partitions;

namespace SupplyChain.Grains.Tests.Infrastructure;

/// <summary>The embedded dead-letter store behind a switch that makes it refuse letters, as a table that is down would.</summary>
internal sealed class GatedDeadLetterStore(IDeadLetterStore inner) : IDeadLetterStore
{
    private volatile bool _refusing;
    private int _refusals;

    /// <summary>Registers a gated store (around the memory store) as the silo's dead-letter store.</summary>
    public static void AddTo(ISiloBuilder silo) =>
        silo.Services.AddSingleton<IDeadLetterStore>(_ => new GatedDeadLetterStore(new MemoryDeadLetterStore()));

    /// <summary>The gated store of the cluster's first silo.</summary>
    public static GatedDeadLetterStore Of(InProcessTestCluster cluster) =>
        (GatedDeadLetterStore)cluster.Silos[0].ServiceProvider.GetRequiredService<IDeadLetterStore>();

    /// <summary>Letters refused so far.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>Refuses every letter from now on, until <see cref="Accept"/>.</summary>
    public void Refuse() => _refusing = true;

    /// <summary>Keeps letters again.</summary>
    public void Accept() => _refusing = false;

    public Task AddAsync(InboundDeadLetter letter, CancellationToken cancellationToken)
    {
        if (_refusing)
        {
            Interlocked.Increment(ref _refusals);
            throw new IOException("The dead-letter store refuses the letter (test).");
        }

        return inner.AddAsync(letter, cancellationToken);
    }

    public Task<IReadOnlyList<InboundDeadLetter>> ListAsync(int max, CancellationToken cancellationToken) => inner.ListAsync(max, cancellationToken);

    public Task<InboundDeadLetter?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task RemoveAsync(string id, CancellationToken cancellationToken) => inner.RemoveAsync(id, cancellationToken);
}
