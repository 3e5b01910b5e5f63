namespace SupplyChain.Grains.Webhooks;

/// <summary>Webhook delivery settings, bound from <c>SupplyChain:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:Webhooks";

    /// <summary>Default of <see cref="RetrySchedule"/>: 5 s, 30 s, 2 min, 10 min, 1 h, 6 h, 24 h.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24),
    ];

    /// <summary>Default of <see cref="AllowedPorts"/>: 443 only.</summary>
    public static readonly IReadOnlyList<int> DefaultAllowedPorts = [443];

    /// <summary>Default of <see cref="DisableAfter"/>: 3 days.</summary>
    public static readonly TimeSpan DefaultDisableAfter = TimeSpan.FromDays(3);

    /// <summary>Default of <see cref="DeliveryTimeout"/>: 10 s.</summary>
    public static readonly TimeSpan DefaultDeliveryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default of <see cref="MaxRetryAfter"/>: 24 h.</summary>
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>Default of <see cref="SecretRotationOverlap"/>: 24 h.</summary>
    public static readonly TimeSpan DefaultSecretRotationOverlap = TimeSpan.FromHours(24);

    /// <summary>Longest <see cref="SecretRotationOverlap"/> accepted: 30 days.</summary>
    public static readonly TimeSpan MaxSecretRotationOverlap = TimeSpan.FromDays(30);

    /// <summary>Default of <see cref="Jitter"/>.</summary>
    public const double DefaultJitter = 0.1;

    /// <summary>Default of <see cref="MaxInFlight"/>.</summary>
    public const int DefaultMaxInFlight = 8;

    /// <summary>Default of <see cref="MaxQueueLength"/>.</summary>
    public const int DefaultMaxQueueLength = 1_000_000;

    /// <summary>Default of <see cref="SegmentSize"/>.</summary>
    public const int DefaultSegmentSize = 500;

    /// <summary>Default of <see cref="MaxResponseBytes"/>.</summary>
    public const int DefaultMaxResponseBytes = 1024;

    /// <summary>Default of <see cref="HistoryLimit"/>.</summary>
    public const int DefaultHistoryLimit = 100;

    /// <summary>Default of <see cref="DeadLetterLimit"/>.</summary>
    public const int DefaultDeadLetterLimit = 1000;

    /// <summary>Default of <see cref="HandshakeOrigin"/>.</summary>
    public const string DefaultHandshakeOrigin = "supplychain";

    /// <summary>
    /// The waits before the second, third, ... attempt; an event gets one attempt more than the
    /// schedule has entries, then it is dead-lettered. Empty means <see cref="DefaultRetrySchedule"/>.
    /// </summary>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>Each wait is multiplied by a random factor in [1 - Jitter, 1 + Jitter].</summary>
    public double Jitter { get; set; } = DefaultJitter;

    /// <summary>A subscription with no success for this long (while failing) is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = DefaultDisableAfter;

    /// <summary>How long one delivery may take, connection and answer included.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = DefaultDeliveryTimeout;

    /// <summary>The longest <c>Retry-After</c> (on 429 or 503) that is honoured; longer asks wait this long.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = DefaultMaxRetryAfter;

    /// <summary>Most deliveries one subscription has in flight at once (one per subject at most).</summary>
    public int MaxInFlight { get; set; } = DefaultMaxInFlight;

    /// <summary>Most events one subscription queues; beyond it the oldest go to the dead letters.</summary>
    public int MaxQueueLength { get; set; } = DefaultMaxQueueLength;

    /// <summary>
    /// Events per stored backlog segment, and the size of the head a subscription holds in memory
    /// (between half a segment and one and a half): the most one storage write carries.
    /// </summary>
    public int SegmentSize { get; set; } = DefaultSegmentSize;

    /// <summary>Bytes of a receiver's answer that are read (and dropped); the rest is never read.</summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Delivery attempts each subscription keeps for <c>/deliveries</c>.</summary>
    public int HistoryLimit { get; set; } = DefaultHistoryLimit;

    /// <summary>Dead letters each subscription keeps; beyond it the oldest are dropped.</summary>
    public int DeadLetterLimit { get; set; } = DefaultDeadLetterLimit;

    /// <summary>
    /// After a secret rotation, how long deliveries are signed with the previous secret too (both
    /// signatures in <c>webhook-signature</c>), so a receiver can switch to the new secret without
    /// refusing deliveries. A rotation request may ask for less, never more.
    /// </summary>
    public TimeSpan SecretRotationOverlap { get; set; } = DefaultSecretRotationOverlap;

    /// <summary>The <c>WebHook-Request-Origin</c> sent in the CloudEvents validation handshake.</summary>
    public string HandshakeOrigin { get; set; } = DefaultHandshakeOrigin;

    /// <summary>
    /// The ports a subscription's url may name outside Development, checked when it subscribes and
    /// again at every connection. Empty means <see cref="DefaultAllowedPorts"/> (443). The manifests'
    /// egress NetworkPolicy opens 443 only: a port added here needs a rule there too.
    /// </summary>
    public List<int> AllowedPorts { get; set; } = [];

    /// <summary>
    /// Whether http URLs, any port and loopback, private or link-local addresses are allowed. The host sets it
    /// in Development only; it is not read from configuration.
    /// </summary>
    public bool AllowInsecureUrls { get; set; }

    /// <summary>The schedule in force: <see cref="RetrySchedule"/>, or the default when it is empty.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule.Count > 0 ? RetrySchedule : DefaultRetrySchedule;

    /// <summary>The ports in force: <see cref="AllowedPorts"/>, or the default when it is empty.</summary>
    public IReadOnlyList<int> EffectiveAllowedPorts => AllowedPorts.Count > 0 ? AllowedPorts : DefaultAllowedPorts;

    /// <summary>The problems with these settings, each naming its key; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string key, string rule)
        {
            if (!ok)
            {
                errors.Add($"{SectionName}:{key} {rule}.");
            }
        }

        Check(RetrySchedule.TrueForAll(t => t > TimeSpan.Zero), nameof(RetrySchedule), "entries must be > 0");
        Check(RetrySchedule.Count <= 50, nameof(RetrySchedule), "must have at most 50 entries");
        Check(Jitter is >= 0 and < 1, nameof(Jitter), "must be in [0, 1)");
        Check(DisableAfter > TimeSpan.Zero, nameof(DisableAfter), "must be > 0");
        Check(DeliveryTimeout > TimeSpan.Zero && DeliveryTimeout <= TimeSpan.FromMinutes(5), nameof(DeliveryTimeout), "must be in (0, 5 min]");
        Check(MaxRetryAfter > TimeSpan.Zero, nameof(MaxRetryAfter), "must be > 0");
        Check(MaxInFlight is > 0 and <= 256, nameof(MaxInFlight), "must be in [1, 256]");
        Check(MaxQueueLength > 0, nameof(MaxQueueLength), "must be > 0");
        Check(SegmentSize is >= 2 and <= 10_000, nameof(SegmentSize), "must be in [2, 10000]");
        Check(MaxResponseBytes is >= 0 and <= 1 << 20, nameof(MaxResponseBytes), "must be in [0, 1 MiB]");
        Check(HistoryLimit > 0, nameof(HistoryLimit), "must be > 0");
        Check(DeadLetterLimit > 0, nameof(DeadLetterLimit), "must be > 0");
        Check(AllowedPorts.TrueForAll(p => p is > 0 and <= 65535), nameof(AllowedPorts), "entries must be in [1, 65535]");
        Check(SecretRotationOverlap > TimeSpan.Zero && SecretRotationOverlap <= MaxSecretRotationOverlap, nameof(SecretRotationOverlap), "must be in (0, 30 days]");
        Check(!string.IsNullOrWhiteSpace(HandshakeOrigin), nameof(HandshakeOrigin), "must not be empty");
        return errors;
    }
}
