using System.Text;
using System.Text.Json.Nodes;

namespace SupplyChain.Fuzz.Cases;

/// <summary><c>POST /api/events</c> in structured and batched mode: valid events of the run's known subjects, and broken ones.</summary>
internal static class EventCases
{
    public const string Path = "/api/events";
    public const string Structured = "application/cloudevents+json";
    public const string Batched = "application/cloudevents-batch+json";

    /// <summary>Only valid events of known subjects, in any mode, with a key that may post them: must be accepted and applied.</summary>
    public static FuzzCase Valid(Random random, CaseContext context)
    {
        var count = random.Next(4) == 0 ? random.Next(2, 8) : 1;
        var scans = new List<ValidScan>();
        var pings = new List<ValidPing>();
        var events = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var id = $"{context.RunTag}-{context.Index}-{i}";
            var time = context.Known.NextTime();
            if (random.Next(2) == 0)
            {
                var trackingNumber = context.Known.TrackingNumbers[random.Next(context.Known.TrackingNumbers.Count)];
                var scanType = EventJson.ScanTypes[random.Next(EventJson.ScanTypes.Length)];
                var vehicle = scanType == "LoadedOnVehicle" ? context.Known.Vehicles[random.Next(context.Known.Vehicles.Count)] : null;
                scans.Add(new ValidScan(trackingNumber, scanType, time));
                events.Add(EventJson.Scan(id, trackingNumber, scanType, time, vehicle));
            }
            else
            {
                var vehicle = context.Known.Vehicles[random.Next(context.Known.Vehicles.Count)];
                var (lat, lon) = context.Known.PositionOf(vehicle, time);
                pings.Add(new ValidPing(vehicle, lat, lon, time));
                events.Add(EventJson.Ping(id, vehicle, lat, lon, time));
            }
        }

        var key = random.Next(4) == 0 ? context.Keys.Admin : context.Keys.Carrier;
        List<KeyValuePair<string, string>> headers = [Credentials.Header("X-Api-Key", key)];
        FuzzCase request;
        if (count == 1 && random.Next(3) == 0)
        {
            request = BinaryEventCases.Valid(context, (JsonObject)events[0]!, headers);
        }
        else if (count == 1 && random.Next(2) == 0)
        {
            request = Post(context, "POST /api/events structured", "valid", headers, Structured, Encoding.UTF8.GetBytes(events[0]!.ToJsonString()));
        }
        else
        {
            request = Post(context, "POST /api/events batched", "valid", headers, Batched, Encoding.UTF8.GetBytes(events.ToJsonString()));
        }

        return request with { Scans = scans, Pings = pings };
    }

    /// <summary>One structured-mode event with one to three things broken.</summary>
    public static FuzzCase BrokenStructured(Random random, CaseContext context)
    {
        var raw = new RawJson();
        var e = EventJson.Random(random, $"{context.RunTag}-{context.Index}", context.Now);
        var mutations = Enumerable.Range(0, random.Next(4) == 0 ? random.Next(2, 4) : 1).Select(_ => EventMutator.Mutate(e, raw, random)).ToList();
        var body = raw.Render(e);
        if (random.Next(6) == 0)
        {
            (body, var name) = BodyMutator.Mutate(body, random);
            mutations.Add(name);
        }

        return Send(random, context, "POST /api/events structured", Structured, body, mutations);
    }

    /// <summary>A batch: mostly valid events with some broken ones, odd elements, now and then very many events.</summary>
    public static FuzzCase BrokenBatch(Random random, CaseContext context)
    {
        var raw = new RawJson();
        var count = random.Next(40) switch
        {
            0 => random.Next(1000, 1010),
            1 or 2 => random.Next(100, 1000),
            _ => random.Next(1, 12),
        };
        var array = new JsonArray();
        var mutations = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(10);
            if (roll == 0)
            {
                var piece = OddJson.Value(random);
                array.Add(raw.Value(piece.Json));
                mutations.Add($"[{i}] {piece.Name}");
                continue;
            }

            var e = EventJson.Random(random, $"{context.RunTag}-{context.Index}-{i}", context.Now);
            if (roll <= 2 || (i == count - 1 && mutations.Count == 0))
            {
                mutations.Add($"[{i}] {EventMutator.Mutate(e, raw, random)}");
            }

            array.Add(e);
        }

        var body = raw.Render(array);
        if (random.Next(8) == 0)
        {
            (body, var name) = BodyMutator.Mutate(body, random);
            mutations.Add(name);
        }

        var shown = mutations.Count > 3 ? [.. mutations.Take(3), $"and {mutations.Count - 3} more"] : mutations;
        return Send(random, context, "POST /api/events batched", Batched, body, [$"{count} events", .. shown]);
    }

    /// <summary>A body that is no event at all, or an event under the wrong content type.</summary>
    public static FuzzCase OddBody(Random random, CaseContext context)
    {
        if (random.Next(2) == 0)
        {
            var (body, name) = BodyMutator.Odd(random);
            var contentType = random.Next(3) switch { 0 => Structured, 1 => Batched, _ => "application/json" };
            return Send(random, context, $"POST /api/events {ModeOf(contentType)}", contentType, body, [name]);
        }

        var e = EventJson.Random(random, $"{context.RunTag}-{context.Index}", context.Now);
        var odd = ContentTypes.Pick(random);
        return Send(random, context, "POST /api/events content type", null, Encoding.UTF8.GetBytes(e.ToJsonString()), [], forcedContentType: (odd, $"content type {Show(odd)}"));
    }

    /// <summary>A valid event whose body trickles: a few bytes, then a stall, then the rest.</summary>
    public static FuzzCase SlowBody(Random random, CaseContext context)
    {
        var e = EventJson.Random(random, $"{context.RunTag}-{context.Index}", context.Now);
        var contentType = random.Next(2) == 0 ? Structured : "application/json";
        var body = Encoding.UTF8.GetBytes((contentType == Structured ? e : e["data"]!).ToJsonString());
        List<KeyValuePair<string, string>> headers = [Credentials.Header("X-Api-Key", context.Keys.Carrier)];
        if (contentType != Structured)
        {
            headers.AddRange(BinaryEventCases.HeadersOf(e));
        }

        return Post(context, $"POST /api/events {ModeOf(contentType)}", "body stalls after its first bytes", headers, contentType, body)
            with { StallAfterFirstBytes = TimeSpan.FromSeconds(7) };
    }

    internal static FuzzCase Post(CaseContext context, string route, string mutation, List<KeyValuePair<string, string>> headers, string? contentType, byte[] body)
    {
        if (contentType is not null)
        {
            headers.Add(Credentials.Header("Content-Type", contentType));
        }

        return new FuzzCase(context.Index, route, mutation, HttpMethod.Post, Path) { Headers = headers, Body = body };
    }

    internal static string Show(string? contentType) => contentType is null ? "absent" : contentType.Length > 60 ? "very long" : contentType;

    private static FuzzCase Send(
        Random random, CaseContext context, string route, string? contentType, byte[] body, List<string> mutations,
        (string? Value, string Name)? forcedContentType = null)
    {
        var (headers, keyOddity) = Credentials.Pick(random, context.Keys.Carrier, context.Keys);
        if (keyOddity is not null)
        {
            mutations.Add(keyOddity);
        }

        if (forcedContentType is { } forced)
        {
            contentType = forced.Value;
            mutations.Add(forced.Name);
        }
        else if (ContentTypes.Usually(random, contentType!) is (var other, { } oddity))
        {
            contentType = other;
            mutations.Add(oddity);
        }

        return Post(context, route, string.Join(" + ", mutations), headers, contentType, body);
    }

    private static string ModeOf(string contentType) => contentType switch
    {
        Structured => "structured",
        Batched => "batched",
        _ => "binary",
    };
}
