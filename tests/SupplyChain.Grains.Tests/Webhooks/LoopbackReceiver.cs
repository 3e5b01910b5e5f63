using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>
/// A webhook endpoint on loopback (<see cref="HttpListener"/>): records the CloudEvent id and
/// subject of every delivery (and its signature headers and body, in <see cref="Deliveries"/>) and
/// answers 503 while <see cref="Failing"/>, else 204.
/// </summary>
public sealed class LoopbackReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Id, string Subject, int Answer)> _requests = new();
    private readonly ConcurrentQueue<SignedRequest> _signed = new();
    private readonly Task _serving;

    public LoopbackReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hooks/");
        }

        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    public Uri Url { get; }

    private volatile bool _failing = true;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public IReadOnlyList<(string Id, string Subject, int Answer)> Requests => [.. _requests];

    public IReadOnlyList<SignedRequest> Deliveries => [.. _signed];

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            using var json = JsonDocument.Parse(body);
            var answer = Failing ? 503 : 204;
            _signed.Enqueue(new SignedRequest(
                context.Request.Headers["webhook-id"] ?? "", context.Request.Headers["webhook-timestamp"] ?? "",
                context.Request.Headers["webhook-signature"] ?? "", body));
            _requests.Enqueue((json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("subject").GetString()!, answer));
            context.Response.StatusCode = answer;
            context.Response.Close();
        }
    }
}

/// <summary>A delivery's Standard Webhooks headers and its raw body.</summary>
public sealed record SignedRequest(string Id, string Timestamp, string Signature, byte[] Body);
