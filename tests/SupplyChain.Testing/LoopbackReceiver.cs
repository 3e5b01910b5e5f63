using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SupplyChain.Testing;

/// <summary>
/// A webhook receiver on loopback: a small Kestrel app on a port of its own that records every
/// request (<see cref="Requests"/>, once answered) and answers with <see cref="Respond"/>, or when
/// that is null as a subscriber would: 401 to a delivery not signed with <see cref="Secret"/> (when
/// set), else <see cref="Answer"/> (200 by default) with <see cref="RetryAfter"/>. It can be stopped
/// (connections refused) and started again on the same port.
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _requests = new();
    private readonly TimeProvider _clock;
    private WebApplication? _app;

    private LoopbackReceiver(int port, TimeProvider clock)
    {
        Port = port;
        _clock = clock;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hooks");

    /// <summary>How to answer a request; null answers <see cref="Answer"/>.</summary>
    public Func<Received, HttpContext, Task>? Respond { get; set; }

    /// <summary>The status answered while <see cref="Respond"/> is null.</summary>
    public int Answer { get; set; } = StatusCodes.Status200OK;

    /// <summary>The <c>Retry-After</c> sent with <see cref="Answer"/>, when set.</summary>
    public string? RetryAfter { get; set; }

    /// <summary>The subscription's secret, once known: deliveries not signed with it are refused (401).</summary>
    public string? Secret { get; set; }

    /// <summary>Every request answered so far, oldest first.</summary>
    public IReadOnlyList<Received> Requests => [.. _requests];

    /// <summary>The deliveries (<c>POST</c>s) answered so far, oldest first.</summary>
    public IReadOnlyList<Received> Posts => [.. _requests.Where(r => r.Method == "POST")];

    /// <summary>Starts a receiver stamping requests with <paramref name="clock"/> (the system's by default).</summary>
    public static async Task<LoopbackReceiver> StartAsync(TimeProvider? clock = null, Func<Received, HttpContext, Task>? respond = null)
    {
        var receiver = new LoopbackReceiver(FreePorts.Next(), clock ?? TimeProvider.System) { Respond = respond };
        await receiver.StartAsync();
        return receiver;
    }

    /// <summary>Starts listening (again) on <see cref="Port"/>.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        var app = builder.Build();
        app.Run(Receive);
        await app.StartAsync(TestContext.Current.CancellationToken);
        _app = app;
    }

    /// <summary>Stops listening: deliveries meet a refused connection until <see cref="StartAsync()"/>.</summary>
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
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var received = new Received(context.Request.Method, headers, body, _clock.GetUtcNow());
        if (Respond is { } respond)
        {
            await respond(received, context);
        }
        else if (Secret is { } secret && !received.IsSignedWith(secret))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else
        {
            context.Response.StatusCode = Answer;
            if (RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }
        }

        _requests.Enqueue(received with { Status = context.Response.StatusCode });
    }
}
