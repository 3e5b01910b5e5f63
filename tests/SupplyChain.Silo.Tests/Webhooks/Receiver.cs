using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Webhooks;

/// <summary>One request a <see cref="Receiver"/> got, stamped with the receiver's clock.</summary>
public sealed record Received(string Method, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    public string Id => Headers["webhook-id"];

    public JsonElement Event => JsonDocument.Parse(Body).RootElement.Clone();

    public string Type => Event.GetProperty("type").GetString()!;

    public string Subject => Event.GetProperty("subject").GetString()!;

    public override string ToString() => $"{Method} {Headers.GetValueOrDefault("webhook-id")} {(Body.Length > 0 ? Type + " " + Subject : "")}";
}

/// <summary>
/// A webhook receiver on loopback: a small Kestrel app that records every request and answers with
/// <see cref="Respond"/> (200 by default). It can be stopped and started again on the same port.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _requests = new();
    private readonly TimeProvider _clock;
    private WebApplication? _app;

    private Receiver(int port, TimeProvider clock)
    {
        Port = port;
        _clock = clock;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hooks");

    /// <summary>How to answer a request (after it is recorded); null answers 200.</summary>
    public Func<Received, HttpContext, Task>? Respond { get; set; }

    public IReadOnlyList<Received> Requests => [.. _requests];

    public IReadOnlyList<Received> Posts => [.. _requests.Where(r => r.Method == "POST")];

    public static async Task<Receiver> StartAsync(TimeProvider? clock = null, Func<Received, HttpContext, Task>? respond = null)
    {
        var receiver = new Receiver(FreePorts.Next(), clock ?? TimeProvider.System) { Respond = respond };
        await receiver.StartAsync();
        return receiver;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        var app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            var received = new Received(context.Request.Method, headers, body, _clock.GetUtcNow());
            _requests.Enqueue(received);
            if (Respond is { } respond)
            {
                await respond(received, context);
            }
            else
            {
                context.Response.StatusCode = 200;
            }
        });
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
}
