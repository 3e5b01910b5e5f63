using System.Globalization;
using System.Text.Json;
using SupplyChain.Fuzz.Cases;

namespace SupplyChain.Fuzz.Running;

/// <summary>
/// Checks that every accepted valid event was applied, polling until a deadline (events reach the
/// grains through streams, a little after the 202): each scan is among its shipment's milestones,
/// and each vehicle is at its latest accepted ping or a later one on its known path.
/// </summary>
internal sealed class AppliedCheck(HttpClient client, string adminKey, KnownSubjects known)
{
    /// <summary>
    /// How many milestones a shipment keeps (docs/api.md, Limits): the first, and the latest after it.
    /// A full list has let go of the scans between its first and its second.
    /// </summary>
    private const int MilestoneLimit = 100;

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>What is still missing at the deadline; empty when everything was applied.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(
        IReadOnlyList<ValidScan> scans, IReadOnlyList<ValidPing> pings, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        var pendingScans = scans.GroupBy(s => s.TrackingNumber).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var pendingPings = pings.GroupBy(p => p.VehicleId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Time)!, StringComparer.Ordinal);
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var (trackingNumber, expected) in pendingScans.ToList())
            {
                var (seen, letGoBefore, shown) = await MilestonesAsync(trackingNumber, cancellationToken);
                expected.RemoveAll(s => seen.Contains((s.ScanType, s.Time.UtcTicks)) || s.Time < letGoBefore);
                last[trackingNumber] = shown;
                if (expected.Count == 0)
                {
                    pendingScans.Remove(trackingNumber);
                }
            }

            foreach (var (vehicleId, latest) in pendingPings.ToList())
            {
                var (at, lat, lon, shown) = await PositionAsync(vehicleId, cancellationToken);
                last[vehicleId] = shown;
                if (at >= latest.Time && (lat, lon) == known.PositionOf(vehicleId, at.Value))
                {
                    pendingPings.Remove(vehicleId);
                }
            }

            if ((pendingScans.Count == 0 && pendingPings.Count == 0) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(PollEvery, cancellationToken);
        }

        return
        [
            .. pendingScans.SelectMany(p => p.Value.Select(s =>
                $"shipment {p.Key}: accepted scan {s.ScanType} at {EventJson.Time(s.Time)} is not among its milestones after {within.TotalSeconds:0} s; it shows {last[p.Key]}")),
            .. pendingPings.Select(p =>
                $"vehicle {p.Key}: its latest accepted ping ({EventJson.Time(p.Value.Time)} at {p.Value.Lat}, {p.Value.Lon}) is not applied after {within.TotalSeconds:0} s; it shows {last[p.Key]}"),
        ];
    }

    /// <summary>The milestones shown, and the time before which a full list has let scans go (none when not full).</summary>
    private async Task<(HashSet<(string, long)> Seen, DateTimeOffset? LetGoBefore, string Shown)> MilestonesAsync(
        string trackingNumber, CancellationToken cancellationToken)
    {
        var (status, body) = await GetAsync($"/api/shipments/{trackingNumber}", cancellationToken);
        var seen = new HashSet<(string, long)>();
        if (status != 200)
        {
            return (seen, null, $"status {status}");
        }

        using var json = JsonDocument.Parse(body);
        var milestones = json.RootElement.GetProperty("milestones");
        foreach (var milestone in milestones.EnumerateArray())
        {
            seen.Add((milestone.GetProperty("scanType").GetString()!, milestone.GetProperty("at").GetDateTimeOffset().UtcTicks));
        }

        var letGoBefore = milestones.GetArrayLength() >= MilestoneLimit ? milestones[1].GetProperty("at").GetDateTimeOffset() : (DateTimeOffset?)null;
        return (seen, letGoBefore, $"{seen.Count} milestones");
    }

    private async Task<(DateTimeOffset? At, double Lat, double Lon, string Shown)> PositionAsync(string vehicleId, CancellationToken cancellationToken)
    {
        var (status, body) = await GetAsync($"/api/vehicles/{vehicleId}", cancellationToken);
        if (status != 200)
        {
            return (null, 0, 0, $"status {status}");
        }

        using var json = JsonDocument.Parse(body);
        if (!json.RootElement.TryGetProperty("location", out var location) || location.ValueKind != JsonValueKind.Object)
        {
            return (null, 0, 0, "no location");
        }

        var at = location.GetProperty("at").GetDateTimeOffset();
        var (lat, lon) = (location.GetProperty("lat").GetDouble(), location.GetProperty("lon").GetDouble());
        return (at, lat, lon, string.Create(CultureInfo.InvariantCulture, $"{EventJson.Time(at)} at {lat}, {lon}"));
    }

    private async Task<(int Status, string Body)> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", adminKey);
        using var response = await client.SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
