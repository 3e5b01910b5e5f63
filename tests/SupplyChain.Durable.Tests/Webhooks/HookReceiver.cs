using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SupplyChain.Durable.Tests.Infrastructure;

namespace SupplyChain.Durable.Tests.Webhooks;

/// <summary>One delivery request as the receiver saw it, and what it answered.</summary>
public sealed record Arrival(string WebhookId, string EventId, string Subject, bool Genuine, int Answer);

/// <summary>
/// A subscriber's endpoint on loopback: a small Kestrel app on a fixed port that checks every
/// delivery's signature (<see cref="SignatureCheck"/>) and records it. While <see cref="Unavailable"/>
/// it answers 503 with <c>Retry-After: 1</c>; otherwise a genuine delivery gets 204 and a forged
/// one 401. It can be stopped (connections refused) and started again on the same port.
/// </summary>
public sealed class HookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Arrival> _arrivals = new();
    private WebApplication? _app;

    public HookReceiver() => Port = FreePorts.Next();

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hooks");

    /// <summary>The secret deliveries are checked with (known once the subscription is created).</summary>
    public string? Secret { get; set; }

    public bool Unavailable { get; set; }

    public IReadOnlyList<Arrival> Arrivals => [.. _arrivals];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Url.GetLeftPart(UriPartial.Authority));
        var app = builder.Build();
        app.MapPost("/hooks", Receive);
        await app.StartAsync(TestContext.Current.CancellationToken);
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task Receive(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        var genuine = Secret is { } secret && SignatureCheck.IsGenuine(
            secret, headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body, DateTimeOffset.UtcNow);
        using var json = JsonDocument.Parse(body);
        var answer = Unavailable ? StatusCodes.Status503ServiceUnavailable
            : genuine ? StatusCodes.Status204NoContent : StatusCodes.Status401Unauthorized;
        _arrivals.Enqueue(new Arrival(
            headers["webhook-id"].ToString(), json.RootElement.GetProperty("id").GetString()!,
            json.RootElement.GetProperty("subject").GetString()!, genuine, answer));
        if (answer == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        context.Response.StatusCode = answer;
    }
}
