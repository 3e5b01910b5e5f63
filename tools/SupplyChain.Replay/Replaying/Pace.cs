namespace SupplyChain.Replay.Replaying;

/// <summary>
/// Holds a run to an average rate: the events posted so far may not run ahead of the rate times the
/// time since the run started, so a slow spell (a retry) is caught up at once but never bursts past
/// the average. Not thread safe (one run posts one batch at a time).
/// </summary>
internal sealed class Pace(double eventsPerSecond, TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();
    private long _sent;

    /// <summary>How long to wait before sending <paramref name="count"/> more events.</summary>
    public TimeSpan WaitBefore(int count)
    {
        var due = TimeSpan.FromSeconds(_sent / eventsPerSecond);
        var elapsed = time.GetElapsedTime(_start);
        _sent += count;
        return due > elapsed ? due - elapsed : TimeSpan.Zero;
    }
}
