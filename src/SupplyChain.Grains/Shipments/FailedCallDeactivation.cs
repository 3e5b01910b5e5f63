using SupplyChain.Contracts.Shipments;

namespace SupplyChain.Grains.Shipments;

/// <summary>
/// Deactivates a shipment whose call failed. Shipments change their state in
/// memory and then write it; when the write fails (storage down) the activation would keep
/// state that storage never got, including the id of the event, and drop the redelivered copy
/// as a duplicate: the event would be acknowledged to the stream yet never stored. A fresh
/// activation reads storage again, so the redelivery is applied and written for real. The shipment
/// grain's own call filter, since its retries (stream redeliveries, a vehicle's alerts attached
/// again) are only right with it; a filter registered for every grain cost every call, a vehicle's
/// ping included, an invoker and an async frame (about 900 bytes a ping, docs/benchmarks.md).
/// </summary>
internal static class FailedCallDeactivation
{
    public static async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex)
        {
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, ex, "A call failed; state is read again from storage."));
            throw;
        }
    }
}
