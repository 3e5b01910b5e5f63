using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace SupplyChain.Simulator.Load;

/// <summary>
/// Follows a few shipments' live feeds and measures, for each position update, the time from the
/// moment the ping carrying it was posted to the moment its LocationUpdated event arrived here:
/// the end-to-end latency through ingestion, streams, the vehicle and the shipment.
/// </summary>
internal sealed class LiveProbe(HttpClient client)
{
    private readonly ConcurrentDictionary<(string Vehicle, DateTimeOffset At), long> _sent = new();
    private readonly ConcurrentBag<double> _latenciesMs = [];

    public IReadOnlyCollection<double> LatenciesMs => _latenciesMs;

    /// <summary>Records that the ping of <paramref name="vehicle"/> at <paramref name="at"/> was posted now.</summary>
    public void Sent(string vehicle, DateTimeOffset at, long timestamp) => _sent[(vehicle, at)] = timestamp;

    public async Task Follow(string trackingNumber, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/shipments/{trackingNumber}/live");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            string? type = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && type == "SupplyChain.LocationUpdated")
                {
                    var arrived = Stopwatch.GetTimestamp();
                    using var doc = JsonDocument.Parse(line[6..]);
                    var data = doc.RootElement.GetProperty("data");
                    var key = (data.GetProperty("vehicleId").GetString()!, data.GetProperty("at").GetDateTimeOffset());
                    if (_sent.TryRemove(key, out var sent))
                    {
                        _latenciesMs.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
