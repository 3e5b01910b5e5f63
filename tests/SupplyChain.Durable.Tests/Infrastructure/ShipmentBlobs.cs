using Azure.Storage.Blobs;

namespace SupplyChain.Durable.Tests.Infrastructure;

/// <summary>Finds a shipment's state blob in the grain state container, as an operator would.</summary>
public static class ShipmentBlobs
{
    /// <summary>The name of <paramref name="trackingNumber"/>'s state blob, or null while there is none.</summary>
    public static async Task<string?> NameOf(BlobContainerClient container, string trackingNumber)
    {
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            if (blob.Name.StartsWith("shipment-", StringComparison.Ordinal) && blob.Name.Contains(trackingNumber, StringComparison.Ordinal))
            {
                return blob.Name;
            }
        }

        return null;
    }
}
