using Azure.Storage.Queues;

namespace SupplyChain.Durable.Tests.Infrastructure;

/// <summary>The Azure Queue streams' queues in an Azurite account, as a test sees them.</summary>
public static class StreamQueues
{
    /// <summary>The queues still holding messages (visible or taken but not yet deleted), each as "name: count".</summary>
    public static async Task<List<string>> NotEmptyAsync(Azurite azurite)
    {
        var service = new QueueServiceClient(azurite.ConnectionString);
        var holding = new List<string>();
        await foreach (var queue in service.GetQueuesAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            var properties = await service.GetQueueClient(queue.Name).GetPropertiesAsync(TestContext.Current.CancellationToken);
            if (properties.Value.ApproximateMessagesCount > 0)
            {
                holding.Add($"{queue.Name}: {properties.Value.ApproximateMessagesCount}");
            }
        }

        return holding;
    }
}
