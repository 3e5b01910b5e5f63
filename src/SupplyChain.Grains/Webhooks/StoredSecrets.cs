namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// A subscription's signing secrets as grain storage keeps them: protected (see
/// <see cref="WebhookSecretProtector"/>), never in plain text. At most two: the current one, and
/// after a rotation the previous one until <see cref="PreviousExpiresAt"/>. Rotating again during an
/// overlap drops the oldest. Not thread safe: its subscription grain owns it.
/// </summary>
[GenerateSerializer, Alias("sc.StoredSecrets")]
internal sealed class StoredSecrets
{
    /// <summary>The protected secret deliveries are signed with first.</summary>
    [Id(0)] public byte[] Current { get; set; } = [];

    /// <summary>The protected secret before the latest rotation; null when none is in its overlap.</summary>
    [Id(1)] public byte[]? Previous { get; set; }

    /// <summary>When <see cref="Previous"/> stops signing deliveries.</summary>
    [Id(2)] public DateTimeOffset? PreviousExpiresAt { get; set; }

    /// <summary>Whether the previous secret still signs deliveries at <paramref name="now"/>.</summary>
    public bool PreviousInForce(DateTimeOffset now) => Previous is not null && PreviousExpiresAt is { } expires && now < expires;

    /// <summary>Makes <paramref name="protectedSecret"/> current; the current one signs beside it until <paramref name="previousExpiresAt"/>.</summary>
    public void Rotate(byte[] protectedSecret, DateTimeOffset previousExpiresAt)
    {
        Previous = Current;
        PreviousExpiresAt = previousExpiresAt;
        Current = protectedSecret;
    }

    /// <summary>Forgets the previous secret once its overlap is over; true when it did.</summary>
    public bool DropExpired(DateTimeOffset now)
    {
        if (Previous is null || PreviousInForce(now))
        {
            return false;
        }

        Previous = null;
        PreviousExpiresAt = null;
        return true;
    }
}
