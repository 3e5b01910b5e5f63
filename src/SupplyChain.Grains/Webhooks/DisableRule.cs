namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// When a failing subscription is switched off: once it has gone <see cref="DisableAfter"/> without
/// a successful delivery while its attempts fail, so a dead endpoint stops costing attempts and
/// storage. Pure and thread safe.
/// </summary>
internal sealed class DisableRule(TimeSpan disableAfter)
{
    public TimeSpan DisableAfter { get; } = disableAfter;

    /// <summary>Whether a subscription failing since <paramref name="failingSince"/> (null: not failing) is disabled at <paramref name="now"/>.</summary>
    public bool ShouldDisable(DateTimeOffset? failingSince, DateTimeOffset now) =>
        failingSince is { } since && now - since >= DisableAfter;

    /// <summary>Why a subscription was disabled, for its view.</summary>
    public string Reason(DateTimeOffset failingSince) =>
        $"No successful delivery since {failingSince:O} ({DisableAfter} allowed).";
}
