using SupplyChain.Contracts.Shipments;

namespace SupplyChain.Grains.Shipments;

/// <summary>
/// Deactivates a shipment whose call failed. Shipments change their state in
/// memory and then write it; when the write fails (storage down) the activation would keep
/// state that storage never got, including the id of the event, and drop the redelivered copy
/// as a duplicate: the event would be acknowledged to the stream yet never stored. A fresh
/// activation reads storage again, so the redelivery is applied and written for real. Registered
/// with the grains (<see cref="GrainsServiceCollectionExtensions.AddSupplyChainGrains"/>), since
/// their retries (stream redeliveries, a vehicle's alerts attached again) are only right with it.
/// </summary>
internal sealed class FailedCallDeactivation : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (context.Grain is IShipmentGrain)
        {
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, ex, "A call failed; state is read again from storage."));
            throw;
        }
    }
}
