using System.Text.Json;

namespace SupplyChain.Testing;

/// <summary>
/// One request a <see cref="LoopbackReceiver"/> got: its method, headers (names in lower case) and
/// body, when it came by the receiver's clock, and the status it was answered with.
/// </summary>
public sealed record Received(string Method, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    /// <summary>The status answered (0 in the request <see cref="LoopbackReceiver.Respond"/> is given).</summary>
    public int Status { get; init; }

    /// <summary>The delivery's <c>webhook-id</c>.</summary>
    public string Id => Headers["webhook-id"];

    /// <summary>The delivered CloudEvent.</summary>
    public JsonElement Event => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The delivered CloudEvent's own <c>id</c>.</summary>
    public string EventId => Event.GetProperty("id").GetString()!;

    public string Type => Event.GetProperty("type").GetString()!;

    public string Subject => Event.GetProperty("subject").GetString()!;

    /// <summary>Whether the delivery is signed with <paramref name="secret"/> (<see cref="StandardWebhooksVerifier"/>, 5 minutes' tolerance) when it came.</summary>
    public bool IsSignedWith(string? secret) =>
        secret is not null && StandardWebhooksVerifier.Verify(secret, Headers, Body, At, TimeSpan.FromMinutes(5));

    public override string ToString() => $"{Method} {Headers.GetValueOrDefault("webhook-id")} {(Body.Length > 0 ? Type + " " + Subject : "")} {Status}";
}
