using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// Reads what is left of a refused request's body (a 4xx answered before the body was read: a content
/// type that is not CloudEvents, no key, the rate limits) before the answer completes, so that every
/// client gets its answer however slowly it sends. HTTP/1.1 clients read an answer only once their
/// request is sent (.NET's HttpClient waits for its content to go out); Kestrel reads an unread body
/// after the answer itself, but for at most 5 s, then resets the connection, and a client still
/// sending (a slow link, a busy machine) gets a broken pipe instead of its 415. Here the body is read
/// as any body is, under Kestrel's minimum data rate and no fixed time, up to <see cref="MaxBytes"/>;
/// a longer body is left to Kestrel. Answers below 400 cost nothing: their endpoints read their bodies.
/// </summary>
internal sealed class RefusedBodyDrain(RequestDelegate next)
{
    /// <summary>The most read of a refused body: the largest body any route takes (a geofence's 4 MiB).</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    private const int ChunkBytes = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var request = context.Request;
        if (context.Response.StatusCode < StatusCodes.Status400BadRequest
            || !HttpProtocol.IsHttp11(request.Protocol)
            || context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: true }
            || request.ContentLength > MaxBytes
            || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        // Before the answer completes: reading a request's body after its response is Kestrel's own
        // domain (its drain), and a client reads the answer only once its own sending is done anyway.
        await DrainAsync(request, context.RequestAborted);
    }

    private static async Task DrainAsync(HttpRequest request, CancellationToken aborted)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            long read = 0;
            int count;
            while (read <= MaxBytes && (count = await request.Body.ReadAsync(buffer, aborted)) > 0)
            {
                read += count;
            }
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // Too slow, badly framed or gone: Kestrel closes the connection, as it would have.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
