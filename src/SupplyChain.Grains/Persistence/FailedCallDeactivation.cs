namespace SupplyChain.Grains.Persistence;

/// <summary>
/// Deactivates a grain whose call failed, for grains that change their state in memory and then
/// write it. When the write fails (storage down or slow) the activation would keep state that
/// storage never got and answer the retry from it: a shipment would drop the redelivered scan as a
/// duplicate (acknowledged to the stream, never stored); an ownership record would answer a
/// carrier's retried claim without storing it, and once read back from storage give the number to
/// the next account that asks (<c>OwnershipStorageTests</c>). A fresh activation reads storage again,
/// so the retry is applied and written for real. Each such grain's own call filter: one registered
/// for every grain cost every call, a vehicle's ping included, an invoker and an async frame (about
/// 900 bytes a ping, docs/benchmarks.md).
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
