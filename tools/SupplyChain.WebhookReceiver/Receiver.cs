using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using SupplyChain.Testing;

namespace SupplyChain.WebhookReceiver;

/// <summary>
/// The receiving endpoint: answers the CloudEvents validation handshake (<c>OPTIONS</c>), verifies
/// each <c>POST</c>, drops copies by <c>webhook-id</c> (answering 2xx, so the platform stops
/// retrying), and reports each new event. Thread safe.
/// </summary>
internal sealed class Receiver(Action<string> print, bool quiet)
{
    private const int MaxBodyBytes = 1024 * 1024;
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    /// <summary>The secret deliveries are checked with (<see cref="StandardWebhooksVerifier"/>); null accepts every delivery unverified.</summary>
    public string? Secret { get; set; }

    /// <summary>How far a delivery's <c>webhook-timestamp</c> may be from this machine's clock.</summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Called with each new event.</summary>
    public Action<JsonElement>? OnEvent { get; set; }

    public int Received => _seen.Count;

    public long Duplicates;

    public long Rejected;

    public void Map(WebApplication app)
    {
        app.MapMethods("/{**path}", ["OPTIONS"], (HttpContext context) =>
        {
            var origin = context.Request.Headers["WebHook-Request-Origin"].ToString();
            if (origin.Length > 0)
            {
                context.Response.Headers["WebHook-Allowed-Origin"] = origin;
                context.Response.Headers["WebHook-Allowed-Rate"] = "*";
                print($"handshake from origin '{origin}': allowed");
            }

            return Results.Ok();
        });
        app.MapPost("/{**path}", (Delegate)Receive);
    }

    private async Task<IResult> Receive(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            return Results.StatusCode(413);
        }

        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var headers = context.Request.Headers;
        var id = headers["webhook-id"].ToString();
        if (Secret is { } secret
            && StandardWebhooksVerifier.Check(secret, id, headers["webhook-timestamp"], headers["webhook-signature"], body, DateTimeOffset.UtcNow, Tolerance) is { } refusal)
        {
            Interlocked.Increment(ref Rejected);
            print($"REJECTED {id}: {refusal}");
            return Results.Unauthorized();
        }

        if (!_seen.TryAdd(id, 0))
        {
            Interlocked.Increment(ref Duplicates);
            if (!quiet)
            {
                print($"duplicate {id} (already handled; answered 204)");
            }

            return Results.NoContent();
        }

        using var json = JsonDocument.Parse(body.ToArray());
        var e = json.RootElement;
        OnEvent?.Invoke(e);
        if (!quiet)
        {
            print($"{e.GetProperty("time").GetString()} {e.GetProperty("type").GetString()} {e.GetProperty("subject").GetString()} id={id}"
                + $"{(Secret is null ? " (not verified: no --secret)" : " verified")}\n  {Encoding.UTF8.GetString(body)}");
        }

        return Results.NoContent();
    }
}
