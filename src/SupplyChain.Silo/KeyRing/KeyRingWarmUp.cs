using Microsoft.AspNetCore.DataProtection;

namespace SupplyChain.Silo.KeyRing;

/// <summary>
/// Reads the key ring (creating its first key when it has none) as the silo starts, before it
/// serves: a ring that cannot be reached or decrypted stops the start with a clear message instead
/// of failing the first subscription, and silos of a new cluster that start together find each
/// other's first keys early, while Data Protection still reloads the ring for an unknown key.
/// </summary>
internal sealed partial class KeyRingWarmUp(IDataProtectionProvider provider, ILogger<KeyRingWarmUp> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Run(() => provider.CreateProtector("SupplyChain.KeyRing.WarmUp").Protect([1]), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"The Data Protection key ring (blob container '{Hosting.Durable.DurableNames.KeyRingContainer}') could not be read or extended: {ex.Message}", ex);
        }

        LogReady(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Data Protection key ring loaded")]
    private static partial void LogReady(ILogger logger);
}
