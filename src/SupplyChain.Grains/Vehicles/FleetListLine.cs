namespace SupplyChain.Grains.Vehicles;

/// <summary>
/// When a vehicle sends its partition a new line for the fleet list: on its first fix, when it
/// starts or stops moving, and otherwise at most once per <see cref="Refresh"/>, never per ping.
/// The line rides back on the answer to the partition's call, so it costs no call of its own; a
/// change held back that no later ping carries goes on its own once the refresh interval is over
/// (<see cref="Held"/>), so the list ends at every vehicle's latest fix. Not thread safe: it belongs to one vehicle.
/// </summary>
internal sealed class FleetListLine(TimeSpan refresh)
{
    private DateTimeOffset _sentAt;
    private bool? _sentMoving;

    /// <summary>The longest a listed line is behind its vehicle while nothing else changes.</summary>
    public TimeSpan Refresh { get; } = refresh;

    /// <summary>Whether a line for a vehicle now <paramref name="moving"/> (or not) is due at <paramref name="now"/> (wall clock).</summary>
    public bool Due(DateTimeOffset now, bool moving) => _sentMoving != moving || now - _sentAt >= Refresh;

    /// <summary>Whether a change was held back since the last line sent.</summary>
    public bool Held { get; private set; }

    /// <summary>When the line held back is due, after <paramref name="now"/>.</summary>
    public TimeSpan DueIn(DateTimeOffset now) => Refresh - (now - _sentAt);

    /// <summary>Notes a change not sent at once.</summary>
    public void HoldBack() => Held = true;

    /// <summary>Notes the line sent at <paramref name="now"/>.</summary>
    public void Sent(DateTimeOffset now, bool moving)
    {
        _sentAt = now;
        _sentMoving = moving;
        Held = false;
    }
}
