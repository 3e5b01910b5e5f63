using System.Net;

namespace SupplyChain.Fuzz.Running;

/// <summary>A body sent the way a stalled client sends it: its first bytes, then nothing for a while, then the rest.</summary>
internal sealed class StallingContent(byte[] body, TimeSpan stall) : HttpContent
{
    private const int FirstBytes = 16;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var head = Math.Min(FirstBytes, body.Length);
        await stream.WriteAsync(body.AsMemory(0, head), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        await Task.Delay(stall, cancellationToken);
        await stream.WriteAsync(body.AsMemory(head), cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
