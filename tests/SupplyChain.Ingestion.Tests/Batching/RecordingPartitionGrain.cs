using Orleans.Streams;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Streams;

namespace SupplyChain.Ingestion.Tests.Batching;

public interface IRecordingPartitionGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<IReadOnlyList<string>>> Messages();
}

/// <summary>Stands where the real partition grain does and remembers each stream message it got.</summary>
[ImplicitStreamSubscription(StreamNames.Inbound)]
public sealed class RecordingPartitionGrain : Grain, IRecordingPartitionGrain
{
    private readonly List<IReadOnlyList<string>> _messages = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(StreamNames.Provider)
            .GetStream<InboundBatch>(StreamId.Create(StreamNames.Inbound, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((batch, _) =>
        {
            _messages.Add([.. batch.Events.Select(e => e.Id)]);
            return Task.CompletedTask;
        });
    }

    public Task<IReadOnlyList<IReadOnlyList<string>>> Messages() => Task.FromResult<IReadOnlyList<IReadOnlyList<string>>>(_messages);
}
