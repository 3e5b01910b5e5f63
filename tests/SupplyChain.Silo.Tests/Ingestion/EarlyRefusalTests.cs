using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Ingestion;

/// <summary>
/// <c>POST /api/events</c> refused before its body is read (a content type that is not CloudEvents) still
/// gives every client its answer, however large the body it is still sending: no reset, no broken pipe.
/// </summary>
public sealed class EarlyRefusalTests(SiloFixture fixture)
{
    private const int Rounds = 300;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Larger than the 1 MiB the endpoint reads, and than the socket buffers, so the client is mid-send when the answer comes.</summary>
    private static readonly byte[] LargeBody = Encoding.ASCII.GetBytes(new string('x', 3 * 1024 * 1024));

    [Fact]
    public async Task WrongContentType_LargeBody_HttpClient_415EveryTime()
    {
        using var client = fixture.Silo.Client(RunningSilo.CarrierKey);

        for (var i = 0; i < Rounds; i++)
        {
            using var content = new ByteArrayContent(LargeBody);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            using var response = await client.PostAsync("/api/events", content, Ct);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task WrongContentType_LargeBody_ManyClientsAtOnce_415EveryTime()
    {
        using var client = fixture.Silo.Client(RunningSilo.CarrierKey);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var seen = new List<HttpStatusCode>();
            for (var i = 0; i < Rounds / 8; i++)
            {
                using var content = new ByteArrayContent(LargeBody);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                using var response = await client.PostAsync("/api/events", content, Ct);
                seen.Add(response.StatusCode);
            }

            return seen;
        }));

        Assert.All(statuses.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.UnsupportedMediaType, s));
    }

    [Fact]
    public async Task WrongContentType_LargeBody_RawSocket_AnswerReadWhileSending_415EveryTime()
    {
        var refused = 0;
        Socket? socket = null;
        try
        {
            for (var i = 0; i < Rounds; i++)
            {
                socket ??= await ConnectAsync();
                var head = Encoding.ASCII.GetBytes(
                    $"POST /api/events HTTP/1.1\r\nHost: silo\r\nX-Api-Key: {RunningSilo.CarrierKey}\r\nContent-Type: text/plain\r\nContent-Length: {LargeBody.Length}\r\n\r\n");
                // As HTTP clients do: send the body and read the answer at the same time.
                var sending = SendAsync(socket, head, LargeBody);
                var (status, close) = await ReadAnswerAsync(socket);
                await sending;
                Assert.Equal(415, status);
                refused++;
                if (close)
                {
                    socket.Dispose();
                    socket = null;
                }
            }
        }
        finally
        {
            socket?.Dispose();
        }

        Assert.Equal(Rounds, refused);
    }

    [Fact]
    public async Task WrongContentType_SlowClient_SendsItsWholeBody_Gets415_KeepsTheConnection()
    {
        // A slow link: 1 MiB at about 100 KB/s takes about 10 s, well past the 5 s (checked once a second)
        // Kestrel gives an unread body after the answer. The pauses pace the sender; nothing waits on them for a result.
        var body = LargeBody.AsMemory(0, 1024 * 1024);
        using var socket = await ConnectAsync();
        var head = Encoding.ASCII.GetBytes(
            $"POST /api/events HTTP/1.1\r\nHost: silo\r\nX-Api-Key: {RunningSilo.CarrierKey}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n");
        await socket.SendAsync(head, SocketFlags.None, Ct);
        var answer = ReadAnswerAsync(socket);

        for (var offset = 0; offset < body.Length; offset += 16 * 1024)
        {
            await socket.SendAsync(body.Slice(offset, 16 * 1024), SocketFlags.None, Ct);
            await Task.Delay(TimeSpan.FromMilliseconds(150), Ct);
        }

        var (status, close) = await answer;
        Assert.Equal(415, status);
        Assert.False(close);
        // The connection is still good for the next request.
        await SendAsync(socket, head, body.ToArray());
        Assert.Equal(415, (await ReadAnswerAsync(socket)).Status);
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(fixture.Silo.Address.Host, fixture.Silo.Address.Port, Ct);
        return socket;
    }

    private static async Task SendAsync(Socket socket, byte[] head, byte[] body)
    {
        await socket.SendAsync(head, SocketFlags.None, Ct);
        for (var offset = 0; offset < body.Length; offset += 64 * 1024)
        {
            await socket.SendAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)), SocketFlags.None, Ct);
        }
    }

    /// <summary>The status of one answer and whether the silo closes the connection after it; reads the whole (chunked or sized) body.</summary>
    private static async Task<(int Status, bool Close)> ReadAnswerAsync(Socket socket)
    {
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        int headEnd;
        while ((headEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, Ct);
            Assert.True(read > 0, "The silo closed the connection before its answer.");
            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString([.. received.Take(headEnd)]);
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var close = lines.Any(l => l.Equals("Connection: close", StringComparison.OrdinalIgnoreCase));
        var length = lines.Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).Cast<int?>().FirstOrDefault();
        var body = received.Count - headEnd - 4;
        while (length is { } expected ? body < expected : IndexOf(received, "\r\n0\r\n\r\n"u8) < 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, Ct);
            Assert.True(read > 0, "The silo closed the connection in the middle of its answer.");
            received.AddRange(buffer.AsSpan(0, read));
            body += read;
        }

        return (status, close);
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> pattern) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes).IndexOf(pattern);
}
