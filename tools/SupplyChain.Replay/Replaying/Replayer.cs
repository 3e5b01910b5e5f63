using SupplyChain.Archive.Storage;
using SupplyChain.Replay.Posting;
using SupplyChain.Replay.Reading;

namespace SupplyChain.Replay.Replaying;

/// <summary>
/// Replays a range of the archive's inbound events into a cluster, hour by hour in event-time order,
/// one batch at a time at the settings' pace, keeping the position in the progress file after each
/// accepted batch. Posting an event twice is harmless (the target drops copies by source and id); the
/// progress file only saves posting the whole range again after an interruption. Scans that load a
/// parcel on a vehicle or take it off are posted between waits (<see cref="BindingBarrier"/>).
/// </summary>
/// <param name="archive">The archive read.</param>
/// <param name="poster">The target cluster's ingestion endpoint.</param>
/// <param name="barrier">Keeps the order of scans and pings around loads and unloads.</param>
/// <param name="target">The target's address, as the progress file records it.</param>
internal sealed class Replayer(InboundHours archive, EventPoster poster, BindingBarrier barrier, string target, ReplaySettings settings, TimeProvider time)
{
    /// <summary>Replays the range, continuing an earlier run of the same settings from its progress file.</summary>
    /// <exception cref="ArgumentException">The settings are not usable (each problem named).</exception>
    /// <exception cref="InvalidOperationException">The progress file belongs to another archive, target or range.</exception>
    /// <exception cref="ReplayRejectedException">The target refused a batch for good.</exception>
    public async Task<ReplayOutcome> RunAsync(IProgress<ReplayStatus>? progress, CancellationToken cancellationToken)
    {
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }

        var started = time.GetTimestamp();
        var saved = await ReplayProgress.LoadAsync(settings.ProgressFile, cancellationToken);
        if (saved?.Mismatch(archive.Location, target, settings.From, settings.To) is { } mismatch)
        {
            throw new InvalidOperationException(
                $"The progress file {settings.ProgressFile} belongs to another replay: {mismatch}. Delete it to start over, or name another with --progress-file.");
        }

        if (saved is { Completed: true })
        {
            return new ReplayOutcome(0, saved.Posted, 0, 0, 0, 0, time.GetElapsedTime(started), AlreadyComplete: true);
        }

        var hours = ArchiveLayout.Hours(settings.From, settings.To).ToList();
        var state = saved ?? new ReplayProgress(archive.Location, target, settings.From, settings.To, hours[0], null, 0, 0, Completed: false);
        var pace = new Pace(settings.EventsPerSecond, time);
        long posted = 0, skipped = saved?.Posted ?? 0;
        var batches = 0;
        for (var h = 0; h < hours.Count; h++)
        {
            var hour = hours[h];
            if (hour < state.Hour)
            {
                continue;
            }

            var read = await archive.ReadAsync(hour, settings.From, settings.To, cancellationToken);
            // A saved position counts only for the files it was taken in; if files came or went since,
            // the hour starts over (copies are dropped by the target).
            var position = 0;
            if (hour == state.Hour && state.Position > 0)
            {
                if (state.Files == read.Files)
                {
                    position = Math.Min(state.Position, read.Events.Count);
                }
                else
                {
                    skipped -= state.Position;
                }
            }

            progress?.Report(new ReplayStatus(h + Share(position, read.Events.Count), hours.Count, hour, posted, skipped, poster.Throttled));
            while (position < read.Events.Count)
            {
                var batch = EventBatch.From(read.Events, position, settings.BatchSize, ReplaySettings.MaxBatchBytes, BindingBarrier.Guards);
                if (pace.WaitBefore(batch.Count) is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                var first = read.Events[position];
                var guarded = BindingBarrier.Guards(first);
                if (guarded)
                {
                    await barrier.BeforeAsync(first, cancellationToken);
                }

                await poster.PostAsync(batch, cancellationToken);
                barrier.Posted(read.Events.Skip(position).Take(batch.Count));
                if (guarded)
                {
                    await barrier.AfterAsync(first, cancellationToken);
                }
                position += batch.Count;
                posted += batch.Count;
                batches++;
                state = state with { Hour = hour, Files = read.Files, Position = position, Posted = state.Posted + batch.Count };
                // The batch is accepted: its position is saved even when the run is being cancelled.
                await state.SaveAsync(settings.ProgressFile, CancellationToken.None);
                progress?.Report(new ReplayStatus(h + Share(position, read.Events.Count), hours.Count, hour, posted, skipped, poster.Throttled));
            }

            state = state with { Hour = hour.AddHours(1), Files = null, Position = 0 };
            await state.SaveAsync(settings.ProgressFile, CancellationToken.None);
        }

        state = state with { Completed = true };
        await state.SaveAsync(settings.ProgressFile, CancellationToken.None);
        progress?.Report(new ReplayStatus(hours.Count, hours.Count, hours[^1], posted, skipped, poster.Throttled));
        return new ReplayOutcome(posted, skipped, batches, poster.Throttled, poster.Retried, barrier.Unsettled, time.GetElapsedTime(started), AlreadyComplete: false);
    }

    private static double Share(int position, int count) => count == 0 ? 0 : (double)position / count;
}
