using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Geofences;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Geofences;
using SupplyChain.Ingestion.Batching;

namespace SupplyChain.Silo.Demo;

/// <summary>
/// With <c>--demo</c>: a few shipments driven between real cities, lap after lap, and a fleet
/// circling those cities, so the pages move within seconds of starting; and the scripted trips
/// (<see cref="DemoTrips"/>) between the demo's facilities, replayed fast in recent event time, so
/// the alert feed shows every kind of event within minutes. Everything goes in through the same
/// partition streams as posted CloudEvents (the ingestion's sink), with ids fixed by the tick or the
/// trip's moment, so a replayed tick is dropped as a duplicate like any carrier's retry. Plans go
/// straight to the shipment grain and fences to the geofence registry, as <c>PUT /api/shipments</c>
/// and <c>PUT /api/geofences</c> do.
/// </summary>
internal sealed partial class DemoFleet(
    IOptions<DemoOptions> options,
    IInboundEventSink sink,
    IGrainFactory grains,
    GeofenceCatalog geofences,
    IServer server,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DemoFleet> logger) : BackgroundService
{
    internal const string DeviceSource = "/carriers/demo/devices/gps";
    internal const string ScannerSource = "/carriers/demo/scanners";
    private const double FleetHubRadiusM = 9_000;

    private readonly DemoOptions _options = options.Value;
    private readonly Dictionary<string, Lap> _laps = [];
    private readonly Dictionary<string, DemoTripRun> _trips = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        // The silo and Kestrel start as hosted services too: wait until the whole host is up.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:8080";
        var firstShipment = TrackingNumber(DemoRoute.All[0], 1);
        await PutFences(stoppingToken);
        LogStarted(logger, DemoRoute.All.Count + DemoTrips.All.Count, _options.FleetSize, address, firstShipment);

        // Ticks are numbered from the Unix epoch at start and counted from there: every tick gets its
        // own number even when the timer fires a little early or late, and a restarted silo (one
        // tick at most per interval) starts beyond every number the previous run used.
        var tick = time.GetUtcNow().ToUnixTimeMilliseconds() / (long)_options.TickInterval.TotalMilliseconds;
        using var timer = new PeriodicTimer(_options.TickInterval, time);
        do
        {
            try
            {
                await Tick(time.GetUtcNow(), tick++, stoppingToken);
            }
            catch (EventsNotAcceptedException ex)
            {
                LogTickRefused(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task Tick(DateTimeOffset now, long tick, CancellationToken cancellationToken)
    {
        var events = new List<InboundEvent>(DemoRoute.All.Count * 2 + DemoTrips.All.Count * 2 + _options.FleetSize);
        foreach (var route in DemoRoute.All)
        {
            await Drive(route, now, tick, events);
        }

        foreach (var trip in DemoTrips.All)
        {
            await Replay(trip, now, events);
        }

        for (var i = 0; i < _options.FleetSize; i++)
        {
            events.Add(FleetPing(i, now, tick));
        }

        await sink.PublishAsync(events, cancellationToken);
    }

    /// <summary>One route's truck: plan and pick-up scans at the start of a lap, a ping per tick, out for delivery near the end, delivered at the end.</summary>
    private async Task Drive(DemoRoute route, DateTimeOffset now, long tick, List<InboundEvent> events)
    {
        if (!_laps.TryGetValue(route.Code, out var lap) || (lap.DeliveredAt is { } done && now - done >= _options.PauseBetweenLaps))
        {
            lap = new Lap(lap is null ? 1 : lap.Number + 1, now);
            _laps[route.Code] = lap;
            await StartLap(route, lap, now, events);
        }

        var speedMps = _options.SpeedKmh / 3.6;
        var travelled = lap.DeliveredAt is null ? (now - lap.StartedAt).TotalSeconds * speedMps : route.LengthM;
        var (position, heading) = route.At(travelled, lap.Reverse);
        var moving = lap.DeliveredAt is null;
        events.Add(new PingReceived(DeviceSource, $"demo-{route.VehicleId}-{tick}", now, route.VehicleId, position, moving ? _options.SpeedKmh : 0, heading, 8));

        var trackingNumber = TrackingNumber(route, lap.Number);
        if (!lap.OutForDelivery && travelled >= 0.75 * route.LengthM)
        {
            lap.OutForDelivery = true;
            events.Add(Scan(trackingNumber, ScanType.OutForDelivery, now, position, route.VehicleId, "On the last stretch"));
        }

        if (lap.DeliveredAt is null && travelled >= route.LengthM)
        {
            lap.DeliveredAt = now;
            events.Add(Scan(trackingNumber, ScanType.Delivered, now, position, route.VehicleId, "Left with the customer"));
        }
    }

    /// <summary>
    /// The trips' facilities and restricted zone, checked and stored as <c>PUT /api/geofences</c> does;
    /// a restart puts the same fences again, unchanged.
    /// </summary>
    private async Task PutFences(CancellationToken cancellationToken)
    {
        var registry = grains.GetGrain<IGeofenceRegistryGrain>(IGeofenceRegistryGrain.Key);
        foreach (var place in DemoTrips.Places)
        {
            var fence = GeofenceReader.Read(place.Feature, place.Id).Geofence
                ?? throw new InvalidOperationException($"The demo's geofence {place.Id} is not valid.");
            await registry.Put(place.Id, GeofenceWriter.ToJson(fence));
        }

        // The trips' first pings must meet the fences: this silo sees them now, not at its next refresh.
        await geofences.RefreshAsync(cancellationToken);
    }

    /// <summary>
    /// A scripted trip's next stretch. A new slot starts its next replay, with its plan, once the last
    /// one is finished: a replay cut short would leave its shipment on the road for ever.
    /// </summary>
    private async Task Replay(DemoTrip trip, DateTimeOffset now, List<InboundEvent> events)
    {
        var slot = DemoTrip.SlotOf(now);
        if (!_trips.TryGetValue(trip.Code, out var run) || (run.Slot != slot && run.Finished))
        {
            run = new DemoTripRun(trip, slot, _options.TripTimePerTick);
            _trips[trip.Code] = run;
            await grains.GetGrain<IShipmentGrain>(run.TrackingNumber).SetPlan(trip.Plan(run.Start));
            LogTrip(logger, run.TrackingNumber, trip.VehicleId, run.Start, run.Slot);
        }

        run.Next(events);
    }

    private async Task StartLap(DemoRoute route, Lap lap, DateTimeOffset now, List<InboundEvent> events)
    {
        var trackingNumber = TrackingNumber(route, lap.Number);
        var points = lap.Reverse ? route.Points.Reverse().ToList() : [.. route.Points];
        var duration = TimeSpan.FromSeconds(route.LengthM / (_options.SpeedKmh / 3.6));
        var promisedBy = now + duration * 1.5 + TimeSpan.FromMinutes(10);
        await grains.GetGrain<IShipmentGrain>(trackingNumber).SetPlan(new ShipmentPlan(
            "DEMO", points[0], points[^1], DestinationRadiusM: 300,
            new DateTimeOffset(promisedBy.Ticks - promisedBy.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero), points, CorridorWidthM: 1_000));

        // Seconds apart, in the order a real pick-up happens, all in the past so none is "in the future".
        var origin = points[0];
        var facility = lap.Reverse ? route.Names[^1] : route.Names[0];
        events.Add(Scan(trackingNumber, ScanType.LabelCreated, now.AddSeconds(-4), null, null, null));
        events.Add(Scan(trackingNumber, ScanType.PickedUp, now.AddSeconds(-3), origin, null, $"Collected in {facility}"));
        events.Add(Scan(trackingNumber, ScanType.LoadedOnVehicle, now.AddSeconds(-2), origin, route.VehicleId, null));
        events.Add(Scan(trackingNumber, ScanType.DepartedFacility, now.AddSeconds(-1), origin, route.VehicleId, $"Left {facility}"));
        LogLap(logger, trackingNumber, route.VehicleId, lap.Reverse ? route.Names[^1] : route.Names[0], lap.Reverse ? route.Names[0] : route.Names[^1]);
    }

    /// <summary>Fleet vehicle <paramref name="index"/>: circling a demo city; every fifth one parked.</summary>
    private static PingReceived FleetPing(int index, DateTimeOffset now, long tick)
    {
        var route = DemoRoute.All[index % DemoRoute.All.Count];
        var hub = route.Points[index / DemoRoute.All.Count % route.Points.Count];
        // A fixed pseudo-random layout per index: the same vehicle sits in the same place after a restart.
        var random = new Random(index * 7919 + 17);
        var radiusM = 800 + random.NextDouble() * FleetHubRadiusM;
        var start = random.NextDouble() * 2 * Math.PI;
        var speedKmh = 25 + random.NextDouble() * 65;
        var parked = index % 5 == 4;
        var angle = parked ? start : start + now.ToUnixTimeMilliseconds() / 1000.0 * (speedKmh / 3.6) / radiusM;
        var centre = GreatCircle.Destination(hub, random.NextDouble() * 2 * Math.PI, random.NextDouble() * 4_000);
        var position = GreatCircle.Destination(centre, angle, radiusM);
        var heading = (GreatCircle.RadiansToDegrees(angle) + 90 + 360) % 360;
        var vehicleId = string.Create(CultureInfo.InvariantCulture, $"DEMO-VAN-{index + 1:D4}");
        return new PingReceived(DeviceSource, $"demo-{vehicleId}-{tick}", now, vehicleId, position, parked ? 0 : speedKmh, heading, 10);
    }

    private static ScanReceived Scan(string trackingNumber, ScanType type, DateTimeOffset at, GeoPoint? location, string? vehicleId, string? note) =>
        new(ScannerSource, $"demo-{trackingNumber}-{type}", at, trackingNumber, type, location, FacilityId: location is null ? null : "DEMO", vehicleId, note);

    private static string TrackingNumber(DemoRoute route, int lap) => string.Create(CultureInfo.InvariantCulture, $"DEMO-{route.Code}-{lap}");

    /// <summary>One trip of a route's truck; even laps drive back, so the truck never jumps.</summary>
    private sealed class Lap(int number, DateTimeOffset startedAt)
    {
        public int Number { get; } = number;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public bool Reverse => Number % 2 == 0;

        public bool OutForDelivery { get; set; }

        public DateTimeOffset? DeliveredAt { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo running: {Shipments} shipments and {FleetSize} fleet vehicles. Ops map: {Address}/ops (Development key dev-admin); a shipment: {Address}/track/{TrackingNumber}")]
    private static partial void LogStarted(ILogger logger, int shipments, int fleetSize, string address, string trackingNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo shipment {TrackingNumber} leaves {From} for {To} on {VehicleId}")]
    private static partial void LogLap(ILogger logger, string trackingNumber, string vehicleId, string from, string to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo trip {TrackingNumber} on {VehicleId}: replaying {From:u} to {To:u} in event time")]
    private static partial void LogTrip(ILogger logger, string trackingNumber, string vehicleId, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo tick not accepted by the streams: {Reason}")]
    private static partial void LogTickRefused(ILogger logger, string reason);
}
