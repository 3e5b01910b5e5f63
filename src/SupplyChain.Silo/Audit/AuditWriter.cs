using Azure;
using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// Moves buffered records to the store in batches of up to <see cref="AuditBuffer.BatchSize"/>: every
/// <see cref="AuditOptions.FlushInterval"/>, or at once when a full batch is waiting, so the store sees
/// one write per 100 records at most, never one per request. A batch the store refuses is kept and
/// tried again at the next flush (while it waits, the buffer fills and then drops); one refused for its
/// content (400, 413), which no retry would change, is dropped and counted. On shutdown, once
/// the server has stopped taking requests, what is left is written.
/// </summary>
internal sealed class AuditWriter(AuditBuffer buffer, IAuditStore store, IOptions<AuditOptions> options, TimeProvider time, ILoggerFactory loggers)
    : BackgroundService
{
    /// <summary>How long the last flush on shutdown may take.</summary>
    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger = loggers.CreateLogger(AuditLog.Category);
    private readonly List<AuditRecord> _batch = new(AuditBuffer.BatchSize);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.FlushInterval;
        Task? batchReady = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                batchReady ??= buffer.WaitForBatchAsync(stoppingToken);
                var tick = Task.Delay(interval, time, wait.Token);
                await Task.WhenAny(batchReady, tick);
                if (batchReady.IsCompleted)
                {
                    batchReady = null;
                }

                await wait.CancelAsync();
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                await FlushAsync(stoppingToken);
            }
        }

        using var last = new CancellationTokenSource(FinalFlushTimeout, time);
        try
        {
            await FlushAsync(last.Token);
        }
        catch (OperationCanceledException) when (last.IsCancellationRequested)
        {
            _logger.WriteFailed(new TimeoutException($"The last flush took longer than {FinalFlushTimeout}."), _batch.Count + buffer.Reader.Count);
        }
    }

    /// <summary>Writes what is buffered now; records that come in meanwhile wait for the next flush.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        buffer.TakeTallies();
        var batches = (buffer.Reader.Count / AuditBuffer.BatchSize) + 1;
        for (var i = 0; i < batches; i++)
        {
            while (_batch.Count < AuditBuffer.BatchSize && buffer.Reader.TryRead(out var record))
            {
                _batch.Add(record);
            }

            if (_batch.Count == 0)
            {
                break;
            }

            try
            {
                await store.WriteAsync(_batch, cancellationToken);
            }
            catch (RequestFailedException refused) when (refused.Status is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge)
            {
                // Refused for what it holds, it would be refused at every flush and hold up every record behind it.
                _logger.Refused(refused, _batch.Count);
                buffer.Discard(_batch.Count);
                _batch.Clear();
                continue;
            }
            catch (Exception failed) when (failed is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Any failure of the store (unreachable, throttled, refused) must leave this loop running.
                _logger.WriteFailed(failed, _batch.Count + buffer.Reader.Count);
                break;
            }

            AuditTelemetry.RecordStored(_batch.Count);
            _batch.Clear();
        }

        if (buffer.TakeDropped() is > 0 and var dropped)
        {
            _logger.Dropped(dropped, buffer.Capacity);
        }
    }
}
