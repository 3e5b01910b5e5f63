using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// Reads a request body up to a bound, whatever the client says its length is: a chunked body has no
/// length to check up front, and Kestrel's own limit (30 MB) is far above what any route here takes.
/// </summary>
internal static class RequestBody
{
    /// <summary>The body, or the problem to answer: 413 over <paramref name="maxBytes"/>.</summary>
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
        int read;
        while ((read = await request.Body.ReadAsync(buffer.GetMemory(8 * 1024), cancellationToken)) > 0)
        {
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
        }

        return (buffer.WrittenSpan.ToArray(), null);
    }

    /// <summary>
    /// The body read as JSON into <typeparamref name="T"/>, or the problem to answer (413 over the bound,
    /// 400 naming what is wrong when it is not a JSON object of that shape, a name appears twice or a
    /// string is not valid text), titled <paramref name="title"/>.
    /// </summary>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadJsonAsync<T>(
        HttpRequest request, int maxBytes, JsonSerializerOptions options, string title, CancellationToken cancellationToken)
        where T : class
    {
        var (bytes, tooLarge) = await ReadAsync(request, maxBytes, cancellationToken);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, options) is { } body
                ? (body, null)
                : (null, Invalid("The body must be a JSON object.", title));
        }
        catch (JsonException ex)
        {
            return (null, Invalid($"The body is not valid JSON for this request: {ex.Message}", title));
        }
        catch (InvalidOperationException)
        {
            return (null, Invalid("The body holds a string that is not valid text (invalid UTF-8 or an unpaired surrogate).", title));
        }
    }

    private static ProblemHttpResult Invalid(string detail, string title) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    private static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        $"The body may have at most {maxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
}
