namespace SupplyChain.Silo.RateLimiting;

/// <summary>
/// Rate limits and live-connection caps, bound from <c>SupplyChain:RateLimits</c>. A caller is the
/// API key (its <c>Name</c>) when the request carries a known key, else the client address (an IPv4
/// address, or the /64 prefix of an IPv6 one). Requests are limited per caller with a token bucket
/// whose size depends on the role; events on <c>POST /api/events</c> are limited per key as well,
/// since one request may carry up to 1,000 of them. Over a limit the answer is <c>429</c> with
/// <c>Retry-After</c> and problem details naming the limit.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SupplyChain:RateLimits";

    /// <summary>Default of <see cref="AnonymousRequestsPerSecond"/>: a tracking page costs one request a minute once loaded.</summary>
    public const int DefaultAnonymousRequestsPerSecond = 20;

    /// <summary>Default of <see cref="AnonymousRequestBurst"/>: room for a dozen page loads at once behind one address.</summary>
    public const int DefaultAnonymousRequestBurst = 200;

    /// <summary>Default of <see cref="CarrierRequestsPerSecond"/>: 20,000 devices posting one event every 10 s each.</summary>
    public const int DefaultCarrierRequestsPerSecond = 2_000;

    /// <summary>Default of <see cref="CarrierRequestBurst"/>.</summary>
    public const int DefaultCarrierRequestBurst = 4_000;

    /// <summary>Default of <see cref="AdminRequestsPerSecond"/>.</summary>
    public const int DefaultAdminRequestsPerSecond = 200;

    /// <summary>Default of <see cref="AdminRequestBurst"/>.</summary>
    public const int DefaultAdminRequestBurst = 1_000;

    /// <summary>Default of <see cref="EventsPerSecond"/>: about a tenth of what one silo applies on two cores (docs/benchmarks.md).</summary>
    public const int DefaultEventsPerSecond = 20_000;

    /// <summary>Default of <see cref="EventBurst"/>: 100 full batches of 500.</summary>
    public const int DefaultEventBurst = 50_000;

    /// <summary>Default of <see cref="LiveConnectionsPerAddress"/>.</summary>
    public const int DefaultLiveConnectionsPerAddress = 20;

    /// <summary>Default of <see cref="LiveConnectionsPerKey"/>.</summary>
    public const int DefaultLiveConnectionsPerKey = 200;

    /// <summary>Default of <see cref="LiveConnectionsPerShipment"/>.</summary>
    public const int DefaultLiveConnectionsPerShipment = 100;

    /// <summary>
    /// Whether any limit applies (default <c>true</c>). Turning it off leaves the silo open to any
    /// flood; give a load tool's key a <see cref="Keys"/> entry instead.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per second per client address without a key (customer reads, pages, their assets); default 20.</summary>
    public int AnonymousRequestsPerSecond { get; set; } = DefaultAnonymousRequestsPerSecond;

    /// <summary>Requests an address without a key may make at once before the per-second rate applies; default 200.</summary>
    public int AnonymousRequestBurst { get; set; } = DefaultAnonymousRequestBurst;

    /// <summary>Requests per second per carrier key; default 2,000.</summary>
    public int CarrierRequestsPerSecond { get; set; } = DefaultCarrierRequestsPerSecond;

    /// <summary>Requests a carrier key may make at once before the per-second rate applies; default 4,000.</summary>
    public int CarrierRequestBurst { get; set; } = DefaultCarrierRequestBurst;

    /// <summary>Requests per second per admin key; default 200.</summary>
    public int AdminRequestsPerSecond { get; set; } = DefaultAdminRequestsPerSecond;

    /// <summary>Requests an admin key may make at once before the per-second rate applies; default 1,000.</summary>
    public int AdminRequestBurst { get; set; } = DefaultAdminRequestBurst;

    /// <summary>
    /// Events per second per key on <c>POST /api/events</c> (any role); default 20,000. A request is
    /// let in while the key's event budget is positive and charged its accepted events afterwards, so
    /// the request that crosses the limit is accepted whole and the next ones get 429 until the
    /// budget has refilled.
    /// </summary>
    public int EventsPerSecond { get; set; } = DefaultEventsPerSecond;

    /// <summary>Events a key may post at once before the per-second rate applies; default 50,000.</summary>
    public int EventBurst { get; set; } = DefaultEventBurst;

    /// <summary>Open live feeds (Server-Sent Events) per client address without a key; default 20.</summary>
    public int LiveConnectionsPerAddress { get; set; } = DefaultLiveConnectionsPerAddress;

    /// <summary>Open live feeds per API key (an ops console, a carrier following its shipments); default 200.</summary>
    public int LiveConnectionsPerKey { get; set; } = DefaultLiveConnectionsPerKey;

    /// <summary>Open live feeds of one shipment, whoever opens them; default 100.</summary>
    public int LiveConnectionsPerShipment { get; set; } = DefaultLiveConnectionsPerShipment;

    /// <summary>
    /// Limits of particular keys, by the key's <c>Name</c>, or of accounts made through the accounts API,
    /// by <c>Account</c>, replacing those of the role (a load tool's key, a large carrier).
    /// </summary>
    public List<KeyRateLimit> Keys { get; set; } = [];

    /// <summary>
    /// Reverse proxies (addresses or CIDR networks, e.g. <c>10.0.0.0/8</c>) whose <c>X-Forwarded-For</c>
    /// names the client. Empty (the default): the header is ignored and the connection's address is the
    /// client's, since anyone can send the header.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
