using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using SupplyChain.Contracts.Streams;

namespace SupplyChain.Grains.Tests.Infrastructure;

/// <summary>
/// Grain storage around a memory storage whose writes for one grain type can be held at a gate,
/// then let through or refused: a store that is slow, then answers or fails, at a moment the test chooses.
/// </summary>
internal sealed class GatedStorage(IGrainStorage inner) : IGrainStorage
{
    public const string Inner = "inner";

    private readonly Lock _lock = new();
    private readonly HashSet<GrainId> _refusedGrains = [];
    private string? _heldType;
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;
    private int _refusals;
    private bool _refusing;

    /// <summary>Registers a gated storage as the grains' state storage, around a memory storage.</summary>
    public static void AddTo(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(Inner);
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.State, (sp, _) => new GatedStorage(sp.GetRequiredKeyedService<IGrainStorage>(Inner)));
    }

    /// <summary>The gated storage of the cluster's first silo.</summary>
    public static GatedStorage Of(InProcessTestCluster cluster) =>
        (GatedStorage)cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);

    /// <summary>Writes that wait at the gate now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Writes refused so far.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>From now on, writes of grains whose type name contains <paramref name="grainType"/> wait at the gate.</summary>
    public void Hold(string grainType)
    {
        lock (_lock)
        {
            _heldType = grainType;
            _refusing = false;
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets the waiting writes through, and every later one.</summary>
    public void Open() => Release(refuse: false);

    /// <summary>Refuses the waiting writes, and every later one of the held type until <see cref="Open"/>.</summary>
    public void Refuse() => Release(refuse: true);

    /// <summary>Refuses every write of grains whose type name contains <paramref name="grainType"/> until <see cref="Open"/>.</summary>
    public void Refuse(string grainType)
    {
        Hold(grainType);
        Refuse();
    }

    /// <summary>Refuses every write of grain <paramref name="grainId"/> alone until <see cref="Accept(GrainId)"/>: a poison key.</summary>
    public void Refuse(GrainId grainId)
    {
        lock (_lock)
        {
            _refusedGrains.Add(grainId);
        }
    }

    /// <summary>Takes the writes of <paramref name="grainId"/> again.</summary>
    public void Accept(GrainId grainId)
    {
        lock (_lock)
        {
            _refusedGrains.Remove(grainId);
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Task? gate = null;
        lock (_lock)
        {
            if (_refusedGrains.Contains(grainId))
            {
                throw Refused();
            }

            if (_heldType is { } held && grainId.Type.ToString()!.Contains(held, StringComparison.Ordinal))
            {
                if (_refusing)
                {
                    throw Refused();
                }

                gate = _gate.Task;
            }
        }

        if (gate is not null)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await gate;
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            lock (_lock)
            {
                if (_refusing)
                {
                    throw Refused();
                }
            }
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    private IOException Refused()
    {
        Interlocked.Increment(ref _refusals);
        return new IOException("Storage refuses the write (test).");
    }

    private void Release(bool refuse)
    {
        lock (_lock)
        {
            _refusing = refuse;
            if (!refuse)
            {
                _heldType = null;
            }

            _gate.TrySetResult();
        }
    }
}
