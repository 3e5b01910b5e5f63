using System.Net;
using System.Text.Json;
using SupplyChain.Archive.Records;
using SupplyChain.Contracts.Events;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Replay.Replaying;

/// <summary>
/// Keeps live traffic's order between a truck's pings and the scans that load a parcel on it or take
/// it off. Live, a parcel is scanned onto a truck before the truck drives, and the truck's pings reach
/// the parcel before its delivery scan; a replay posts hours in seconds, and scans and pings travel in
/// different partition streams, so without a barrier a load scan reaches the truck after pings it
/// covers. The truck's alerts then name no parcel (they name the parcels on board when raised), and
/// the outbound events differ from live. Around each scan that starts or ends a spell on a vehicle,
/// the replay therefore waits until the parcel has the pings posted before the scan, posts the scan
/// on its own, and waits until the parcel has the scan before posting what follows. A wait that
/// does not end within <see cref="Patience"/> (the target refused the scan, or the vehicle the ping)
/// lets the replay go on, and is counted.
/// </summary>
/// <param name="client">A client whose base address is the target and which sends a key that may read the replayed shipments.</param>
internal sealed class BindingBarrier(HttpClient client, TimeProvider time)
{
    /// <summary>The longest one wait lasts before the replay goes on without it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, DateTimeOffset> _lastPing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string VehicleId, DateTimeOffset Since)> _carriers = new(StringComparer.Ordinal);

    /// <summary>Waits that ran out of patience so far.</summary>
    public int Unsettled { get; private set; }

    /// <summary>Whether <paramref name="record"/> is a scan the replay posts on its own, between waits.</summary>
    public static bool Guards(ArchiveRecord record) =>
        record.Type == EventTypes.ItemScanned && record.TrackingNumber is not null
        && Enum.TryParse<ScanType>(record.ScanType, out var type) && VehicleBinding.StartsOrEndsSpell(type);

    /// <summary>Notes the events of a batch the target accepted.</summary>
    public void Posted(IEnumerable<ArchiveRecord> records)
    {
        foreach (var record in records)
        {
            if (record.Type == EventTypes.GpsPing && record.VehicleId is { } vehicle)
            {
                _lastPing[vehicle] = _lastPing.TryGetValue(vehicle, out var last) && last > record.Time ? last : record.Time;
            }
        }
    }

    /// <summary>Before posting <paramref name="scan"/>: waits until its parcel has its vehicle's pings posted so far.</summary>
    public async Task BeforeAsync(ArchiveRecord scan, CancellationToken cancellationToken)
    {
        if (_carriers.TryGetValue(scan.TrackingNumber!, out var carrier)
            && _lastPing.TryGetValue(carrier.VehicleId, out var last) && last >= carrier.Since && last <= scan.Time)
        {
            await WaitAsync(scan.TrackingNumber!, shipment => LocationTime(shipment) >= last, cancellationToken);
        }
    }

    /// <summary>After <paramref name="scan"/> was accepted: waits until its parcel has it (and so has told the vehicles).</summary>
    public async Task AfterAsync(ArchiveRecord scan, CancellationToken cancellationToken)
    {
        var trackingNumber = scan.TrackingNumber!;
        if (scan is { ScanType: nameof(ScanType.LoadedOnVehicle), VehicleId: { } vehicle })
        {
            _carriers[trackingNumber] = (vehicle, scan.Time);
        }
        else
        {
            _carriers.Remove(trackingNumber);
        }

        await WaitAsync(trackingNumber, shipment => HasMilestone(shipment, scan.ScanType!, scan.Time), cancellationToken);
    }

    private async Task WaitAsync(string trackingNumber, Func<JsonElement, bool> settled, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp();
        var interval = TimeSpan.FromMilliseconds(2);
        var path = new Uri("api/shipments/" + Uri.EscapeDataString(trackingNumber), UriKind.Relative);
        while (true)
        {
            using (var response = await client.GetAsync(path, cancellationToken))
            {
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var shipment = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                    if (settled(shipment.RootElement))
                    {
                        return;
                    }
                }
            }

            if (time.GetElapsedTime(deadline) >= Patience)
            {
                Unsettled++;
                return;
            }

            await Task.Delay(interval, time, cancellationToken);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, TimeSpan.FromMilliseconds(50).Ticks));
        }
    }

    private static DateTimeOffset? LocationTime(JsonElement shipment) =>
        shipment.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.Object
        && location.TryGetProperty("at", out var at) && at.TryGetDateTimeOffset(out var value) ? value : null;

    private static bool HasMilestone(JsonElement shipment, string scanType, DateTimeOffset at) =>
        shipment.TryGetProperty("milestones", out var milestones) && milestones.ValueKind == JsonValueKind.Array
        && milestones.EnumerateArray().Any(m =>
            m.TryGetProperty("scanType", out var type) && type.ValueEquals(scanType)
            && m.TryGetProperty("at", out var time) && time.TryGetDateTimeOffset(out var value) && value == at);
}
