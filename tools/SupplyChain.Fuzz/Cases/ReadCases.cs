namespace SupplyChain.Fuzz.Cases;

/// <summary>Reads and small commands with odd ids and query strings over every route that takes an id; live feeds too.</summary>
internal static class ReadCases
{
    private enum Access
    {
        Anyone,
        Carrier,
        Admin,
    }

    private static readonly (string Method, string Template, Access Access)[] Routes =
    [
        ("GET", "/api/shipments/{id}", Access.Anyone),
        ("GET", "/api/shipments/{id}/events", Access.Anyone),
        ("GET", "/track/{id}", Access.Anyone),
        ("GET", "/api/vehicles/{id}", Access.Carrier),
        ("GET", "/api/vehicles", Access.Admin),
        ("GET", "/api/vehicles/{id}/track", Access.Carrier),
        ("GET", "/api/shipments/{id}/track", Access.Carrier),
        ("GET", "/api/geofences/{id}", Access.Admin),
        ("GET", "/api/geofences", Access.Admin),
        ("DELETE", "/api/geofences/fuzz-{id}", Access.Admin),
        ("GET", "/api/subscriptions/{id}", Access.Carrier),
        ("GET", "/api/subscriptions", Access.Carrier),
        ("DELETE", "/api/subscriptions/{id}", Access.Admin),
        ("POST", "/api/subscriptions/{id}/enable", Access.Admin),
        ("GET", "/api/subscriptions/{id}/deliveries", Access.Carrier),
        ("GET", "/api/subscriptions/{id}/dead-letters", Access.Carrier),
        ("POST", "/api/subscriptions/{id}/dead-letters/redrive", Access.Admin),
        ("GET", "/api/deadletters", Access.Admin),
        ("GET", "/api/deadletters/", Access.Admin),
        ("POST", "/api/deadletters/{id}/redrive", Access.Admin),
        ("POST", "/api/subscriptions/{id}/secret/rotate", Access.Admin),
        ("GET", "/api/shipments/{id}/owner", Access.Admin),
        ("GET", "/api/vehicles/{id}/owner", Access.Admin),
        ("GET", "/api/accounts/{id}", Access.Admin),
        ("GET", "/api/accounts", Access.Admin),
        ("GET", "/api/accounts/{id}/keys", Access.Admin),
        ("DELETE", "/api/accounts/fuzz-{id}/keys/{id}", Access.Admin),
        ("GET", "/api/audit", Access.Admin),
        ("GET", "/ops", Access.Admin),
        ("GET", "/health/ready", Access.Anyone),
        ("GET", "/health/live", Access.Anyone),
        ("GET", "/{id}", Access.Anyone),
        ("GET", "/api/{id}", Access.Anyone),
        ("PATCH", "/api/shipments/{id}", Access.Carrier),
        ("OPTIONS", "/api/events", Access.Carrier),
        ("GET", "/api/events", Access.Carrier),
        ("HEAD", "/api/shipments/{id}", Access.Anyone),
    ];

    /// <summary>A request to one of the routes, with an odd id and query.</summary>
    public static FuzzCase Odd(Random random, CaseContext context)
    {
        var (method, template, access) = Routes[random.Next(Routes.Length)];
        var plain = template.Contains("vehicles", StringComparison.Ordinal)
            ? context.Known.Vehicles[random.Next(context.Known.Vehicles.Count)]
            : context.Known.TrackingNumbers[random.Next(context.Known.TrackingNumbers.Count)];
        var (segment, name) = OddPaths.Segment(random, plain);
        var query = OddPaths.Query(random);
        var key = access switch
        {
            Access.Admin => context.Keys.Admin,
            Access.Carrier => random.Next(2) == 0 ? context.Keys.Carrier : context.Keys.Admin,
            _ => random.Next(3) == 0 ? context.Keys.Carrier : null,
        };
        var (headers, keyOddity) = Credentials.Pick(random, key, context.Keys);
        var mutation = string.Join(" + ", new[] { name, query.Length > 40 ? "very long query" : query, keyOddity }.Where(s => !string.IsNullOrEmpty(s)));
        return new FuzzCase(context.Index, $"{method} {template}", mutation, new HttpMethod(method), template.Replace("{id}", segment, StringComparison.Ordinal) + query)
        {
            Headers = headers,
        };
    }

    /// <summary>A live feed (Server-Sent Events) with an odd id or Last-Event-ID: only its headers are waited for.</summary>
    public static FuzzCase Live(Random random, CaseContext context)
    {
        var ops = random.Next(4) == 0;
        var (segment, name) = OddPaths.Segment(random, context.Known.TrackingNumbers[random.Next(context.Known.TrackingNumbers.Count)]);
        var (headers, keyOddity) = Credentials.Pick(random, ops ? context.Keys.Admin : null, context.Keys);
        var mutations = new List<string> { ops ? "ops feed" : name };
        if (random.Next(3) == 0)
        {
            var (lastEventId, lastName) = OddPaths.Segment(random, "x");
            headers.Add(Credentials.Header("Last-Event-ID", Uri.UnescapeDataString(lastEventId).Length > 0 && random.Next(2) == 0 ? "\u00ED\u00A0\u0080" : lastEventId));
            mutations.Add($"Last-Event-ID from {lastName}");
        }

        if (keyOddity is not null)
        {
            mutations.Add(keyOddity);
        }

        headers.Add(Credentials.Header("Accept", "text/event-stream"));
        var path = ops ? "/api/ops/live" : $"/api/shipments/{segment}/live{OddPaths.Query(random)}";
        return new FuzzCase(context.Index, ops ? "GET /api/ops/live" : "GET /api/shipments/{id}/live", string.Join(" + ", mutations), HttpMethod.Get, path)
        {
            Headers = headers,
            HeadersOnly = true,
        };
    }
}
