namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// When a failed delivery is tried again: after the schedule's next wait, stretched or shrunk by a
/// random factor in [1 - jitter, 1 + jitter] so receivers coming back are not hit by every
/// subscription at once; or, when the receiver sent <c>Retry-After</c> (429/503), after what it
/// asked, clamped to [<see cref="MinimumRetryAfter"/>, the configured maximum]. An event gets one
/// attempt more than the schedule has waits. Pure; not thread safe when its <see cref="Random"/> is not.
/// </summary>
internal sealed class RetrySchedule
{
    /// <summary>The shortest honoured <c>Retry-After</c>: a receiver asking for 0 s still gets a pause.</summary>
    public static readonly TimeSpan MinimumRetryAfter = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<TimeSpan> _waits;
    private readonly double _jitter;
    private readonly TimeSpan _maxRetryAfter;
    private readonly Random _random;

    public RetrySchedule(IReadOnlyList<TimeSpan> waits, double jitter, TimeSpan maxRetryAfter, Random random)
    {
        _waits = waits;
        _jitter = jitter;
        _maxRetryAfter = maxRetryAfter;
        _random = random;
    }

    /// <summary>The schedule of <paramref name="options"/>, jittered by <see cref="Random.Shared"/>.</summary>
    public static RetrySchedule From(WebhookOptions options) =>
        new(options.EffectiveRetrySchedule, options.Jitter, options.MaxRetryAfter, Random.Shared);

    /// <summary>Attempts an event gets before it is dead-lettered.</summary>
    public int MaxAttempts => _waits.Count + 1;

    /// <summary>
    /// How long to wait after the failed attempt number <paramref name="attemptsMade"/> (1 for the
    /// first); null when it was the last, so the event is given up on.
    /// </summary>
    public TimeSpan? WaitAfter(int attemptsMade, TimeSpan? retryAfter)
    {
        if (attemptsMade >= MaxAttempts)
        {
            return null;
        }

        if (retryAfter is { } asked)
        {
            return asked < MinimumRetryAfter ? MinimumRetryAfter : asked > _maxRetryAfter ? _maxRetryAfter : asked;
        }

        var wait = _waits[attemptsMade - 1];
        return _jitter == 0 ? wait : wait * (1 + (_jitter * ((_random.NextDouble() * 2) - 1)));
    }
}
