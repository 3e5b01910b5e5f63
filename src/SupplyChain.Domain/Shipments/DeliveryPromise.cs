namespace SupplyChain.Domain.Shipments;

/// <summary>
/// Whether a shipment will keep, or has broken, its promised delivery time. Thread safe: a pure function
/// of its inputs, on event time (an estimate's fix time, a reminder's due time).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>At risk: an estimate later than the promise by more than <see cref="TrackingOptions.PromiseMargin"/>.
/// Raised once per spell; the spell ends when an estimate comes back by
/// <see cref="TrackingOptions.PromiseHysteresis"/> more, so an ETA hovering on the line does not flap.</item>
/// <item>Late: the promised time passed and the parcel is not delivered. Raised once per promise and dated
/// at the promise itself, whether a fix after it or the shipment's reminder noticed: a replay raises it
/// with the same id and time as live traffic did.</item>
/// <item>A new promise (a changed plan) starts afresh; nothing is raised once delivered or without a promise.</item>
/// </list>
/// </remarks>
public static class DeliveryPromise
{
    /// <summary>Applies a new estimate, made at <paramref name="at"/> (event time).</summary>
    public static PromiseStep OnEstimate(
        PromiseState state, DateTimeOffset? promisedBy, DateTimeOffset eta, DateTimeOffset at, TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var late = AtTime(state, promisedBy, at, delivered: false);
        if (promisedBy is not { } promise || late.State.Late)
        {
            return late;
        }

        var current = late.State;
        if (!current.AtRisk && eta > promise + options.PromiseMargin)
        {
            var spell = current.AtRiskSpells + 1;
            return new PromiseStep(
                current with { AtRisk = true, AtRiskSpells = spell },
                new PromiseAtRisk(promise, eta, eta - promise, at, spell), null, null);
        }

        if (current.AtRisk && eta <= promise + options.PromiseMargin - options.PromiseHysteresis)
        {
            return new PromiseStep(current with { AtRisk = false }, null, new PromiseBackOnTrack(promise, eta, at, current.AtRiskSpells), null);
        }

        return late;
    }

    /// <summary>
    /// Checks the promise at <paramref name="now"/>: after a scan or fix (its event time) or when the
    /// shipment's reminder for the promised time fires.
    /// </summary>
    public static PromiseStep AtTime(PromiseState state, DateTimeOffset? promisedBy, DateTimeOffset now, bool delivered)
    {
        ArgumentNullException.ThrowIfNull(state);
        var current = state.PromisedBy == promisedBy ? state : PromiseState.Initial with { PromisedBy = promisedBy };
        if (promisedBy is not { } promise || delivered || current.Late || now < promise)
        {
            return new PromiseStep(current, null, null, null);
        }

        return new PromiseStep(current with { Late = true, AtRisk = false }, null, null, new PromiseBroken(promise));
    }
}

/// <summary>Decision: the estimate passed the promise (<c>SupplyChain.DeliveryAtRisk</c>). Immutable.</summary>
/// <param name="PromisedBy">The promised delivery time.</param>
/// <param name="Eta">The estimate.</param>
/// <param name="LateBy">How far the estimate is past the promise.</param>
/// <param name="At">Event time of the estimate's fix.</param>
/// <param name="Spell">Which at-risk spell of this shipment it starts (1, 2, ...).</param>
public sealed record PromiseAtRisk(DateTimeOffset PromisedBy, DateTimeOffset Eta, TimeSpan LateBy, DateTimeOffset At, int Spell);

/// <summary>Decision: the estimate came back within the promise (<c>SupplyChain.DeliveryBackOnTrack</c>). Immutable.</summary>
/// <param name="PromisedBy">The promised delivery time.</param>
/// <param name="Eta">The estimate.</param>
/// <param name="At">Event time of the estimate's fix.</param>
/// <param name="Spell">The at-risk spell it ends.</param>
public sealed record PromiseBackOnTrack(DateTimeOffset PromisedBy, DateTimeOffset Eta, DateTimeOffset At, int Spell);

/// <summary>Decision: the promised time passed undelivered (<c>SupplyChain.DeliveryLate</c>). Immutable.</summary>
/// <param name="PromisedBy">The promised delivery time, which is also when it broke.</param>
public sealed record PromiseBroken(DateTimeOffset PromisedBy);

/// <summary>The outcome of a promise check; each decision is null when not taken. Immutable.</summary>
/// <param name="State">The state to keep.</param>
/// <param name="AtRisk">Set when an at-risk spell starts.</param>
/// <param name="BackOnTrack">Set when an at-risk spell ends.</param>
/// <param name="Broken">Set once, when the promise breaks.</param>
public sealed record PromiseStep(PromiseState State, PromiseAtRisk? AtRisk, PromiseBackOnTrack? BackOnTrack, PromiseBroken? Broken);
