namespace SupplyChain.Fuzz.Cases;

/// <summary>
/// One request of a run, as bytes on the wire: header values are byte strings (each character one
/// byte, sent as Latin-1) so that a case can put any byte in a header. <see cref="Route"/> names the
/// endpoint and content mode and <see cref="Mutation"/> what was broken, for the report; the same
/// seed and <see cref="Index"/> make the same case again.
/// </summary>
internal sealed record FuzzCase(long Index, string Route, string Mutation, HttpMethod Method, string PathAndQuery)
{
    /// <summary>Request headers (content headers included), in order; a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The body, or null for none.</summary>
    public byte[]? Body { get; init; }

    /// <summary>When set, the body's first bytes are sent, then nothing for this long, then the rest.</summary>
    public TimeSpan? StallAfterFirstBytes { get; init; }

    /// <summary>A Server-Sent Events feed: only the response's headers are awaited, then the connection is dropped.</summary>
    public bool HeadersOnly { get; init; }

    /// <summary>Valid scans of known shipments in the request; each must be applied once it is accepted.</summary>
    public IReadOnlyList<ValidScan> Scans { get; init; } = [];

    /// <summary>Valid pings of known vehicles in the request; each must be applied once it is accepted.</summary>
    public IReadOnlyList<ValidPing> Pings { get; init; } = [];

    /// <summary>
    /// Whether the request line and headers are within what Kestrel takes at the HTTP level (printable
    /// ASCII, a request line under 8 KB, headers under 32 KB). When they are not, Kestrel refuses the
    /// request before the application sees it and may close the connection while the body is still
    /// being sent, so the client never reads the answer: that is a refusal, not a failure.
    /// </summary>
    public bool WithinHttpLimits =>
        PathAndQuery.Length < 8 * 1024
        && Headers.Sum(h => h.Key.Length + h.Value.Length + 4) < 32 * 1024
        && Headers.All(h => h.Value.All(c => c is >= ' ' and < '\u007F'));

    /// <summary>Every event of the request is valid and the key may post them: anything but 202 is a failure.</summary>
    public bool MustBeAccepted => Scans.Count + Pings.Count > 0;
}
