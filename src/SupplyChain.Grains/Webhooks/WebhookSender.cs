using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// Makes webhook requests: signed deliveries and the CloudEvents validation handshake. One pooled
/// <see cref="HttpClient"/> per silo whose connect step resolves the host itself and, outside
/// Development, refuses to connect to a port not in <see cref="WebhookOptions.AllowedPorts"/> or when
/// any resolved address is not public (<see cref="AddressPolicy"/>), so the address checked is the
/// address connected to (no DNS rebinding between check and connect). No redirects, no
/// proxy, no cookies; each request ends after <see cref="WebhookOptions.DeliveryTimeout"/> and at
/// most <see cref="WebhookOptions.MaxResponseBytes"/> of the answer are read. Thread safe.
/// </summary>
public sealed partial class WebhookSender : IDisposable
{
    private const string UserAgent = "SupplyChain-Webhooks/1.0";

    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookSender> _logger;
    private readonly HttpClient _client;

    public WebhookSender(IOptions<WebhookOptions> options, WebhookClock clock, ILogger<WebhookSender> logger)
    {
        _options = options.Value;
        _time = clock.Time;
        _logger = logger;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = _options.DeliveryTimeout,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>
    /// Why <paramref name="url"/> may not receive webhooks, or null when it may: it must be an
    /// absolute http(s) URL, and outside Development https on an allowed port whose host resolves to
    /// public addresses only. The reason names what is wrong: the port, or the address and its range.
    /// </summary>
    public async Task<string?> CheckUrlAsync(Uri url, CancellationToken cancellationToken)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return "The url must be an absolute http or https URL.";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "The url must not carry user information.";
        }

        if (_options.AllowInsecureUrls)
        {
            return null;
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return "The url must use https.";
        }

        if (!IsAllowedPort(url.Port))
        {
            return $"The url's port {url.Port} is not allowed: {AllowedPortsText}.";
        }

        try
        {
            var addresses = await ResolveAsync(url.IdnHost, cancellationToken);
            return addresses.Length == 0 ? $"The host '{url.Host}' does not resolve."
                : FirstRefused(addresses) is { } refused
                    ? $"The host '{url.Host}' resolves to {refused.Address}, {refused.Reason}: webhooks go to public addresses only."
                    : null;
        }
        catch (SocketException)
        {
            return $"The host '{url.Host}' does not resolve.";
        }
    }

    /// <summary>
    /// Delivers one event, signed with each of <paramref name="secrets"/> (newest first: two during a
    /// rotation's overlap); never throws for the receiver's failures.
    /// </summary>
    internal async Task<DeliveryOutcome> SendAsync(Uri url, IReadOnlyList<byte[]> secrets, OutboundEvent e, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.Of(e);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(WebhookPayload.ContentType) { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("webhook-id", e.Id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Sign(secrets, e.Id, timestamp, body));
        return await SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// The CloudEvents web hook validation handshake: an <c>OPTIONS</c> request with
    /// <c>WebHook-Request-Origin</c>; the receiver agrees with a 2xx naming this origin (or <c>*</c>)
    /// in <c>WebHook-Allowed-Origin</c>. Returns null when it agreed, else why not.
    /// </summary>
    public async Task<string?> HandshakeAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.TryAddWithoutValidation("WebHook-Request-Origin", _options.HandshakeOrigin);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.DeliveryTimeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return $"The endpoint answered the validation handshake with {(int)response.StatusCode}.";
            }

            var allowed = response.Headers.TryGetValues("WebHook-Allowed-Origin", out var values) ? values.ToList() : [];
            return allowed.Exists(v => v == "*" || string.Equals(v, _options.HandshakeOrigin, StringComparison.OrdinalIgnoreCase))
                ? null
                : $"The endpoint's answer to the validation handshake does not allow origin '{_options.HandshakeOrigin}' in WebHook-Allowed-Origin.";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"The endpoint did not answer the validation handshake within {_options.DeliveryTimeout.TotalSeconds} s.";
        }
        catch (HttpRequestException ex)
        {
            return $"The validation handshake failed: {ex.Message}";
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<DeliveryOutcome> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.DeliveryTimeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await DrainAsync(response, timeout.Token);
            return new DeliveryOutcome((int)response.StatusCode, null, RetryAfter(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(null, $"No answer within {_options.DeliveryTimeout.TotalSeconds:0.###} s.", null);
        }
        catch (HttpRequestException ex)
        {
            LogRequestFailed(_logger, request.RequestUri?.Host, ex.Message);
            return new DeliveryOutcome(null, ex.InnerException is BlockedAddressException blocked ? blocked.Message : $"Request failed: {ex.Message}", null);
        }
    }

    /// <summary>Reads at most the configured bytes of the answer, so the connection can be reused without trusting its size.</summary>
    private async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (_options.MaxResponseBytes == 0)
        {
            return;
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[Math.Min(_options.MaxResponseBytes, 4096)];
            var left = _options.MaxResponseBytes;
            int read;
            while (left > 0 && (read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(left, buffer.Length)), cancellationToken)) > 0)
            {
                left -= read;
            }
        }
        catch (IOException)
        {
            // The status line decided the outcome; a broken body does not change it.
        }
        catch (HttpRequestException)
        {
            // As above.
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - _time.GetUtcNow() : null);
        return wait is { } w ? (w < TimeSpan.Zero ? TimeSpan.Zero : w) : null;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        // Checked again here, not only when subscribing: the settings may have changed since, and
        // the host may resolve elsewhere now.
        if (!_options.AllowInsecureUrls && !IsAllowedPort(port))
        {
            throw new BlockedAddressException($"Refused to connect: port {port} is not allowed: {AllowedPortsText}.");
        }

        var addresses = await ResolveAsync(host, cancellationToken);
        if (!_options.AllowInsecureUrls && FirstRefused(addresses) is { } refused)
        {
            throw new BlockedAddressException($"Refused to connect: '{host}' resolves to {refused.Address}, {refused.Reason}.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool IsAllowedPort(int port) => _options.EffectiveAllowedPorts.Contains(port);

    private string AllowedPortsText => $"{WebhookOptions.SectionName}:AllowedPorts allows {string.Join(", ", _options.EffectiveAllowedPorts)}";

    /// <summary>The first address a webhook may not connect to, and why; null when all are public.</summary>
    private static (IPAddress Address, string Reason)? FirstRefused(IPAddress[] addresses)
    {
        foreach (var address in addresses)
        {
            if (AddressPolicy.Refusal(address) is { } reason)
            {
                return (address, reason);
            }
        }

        return null;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    private sealed class BlockedAddressException(string message) : Exception(message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook request to {Host} failed: {Reason}")]
    private static partial void LogRequestFailed(ILogger logger, string? host, string reason);
}

/// <summary>What one delivery attempt got: the HTTP status, or an error; and a <c>Retry-After</c> on 429/503.</summary>
internal readonly record struct DeliveryOutcome(int? StatusCode, string? Error, TimeSpan? RetryAfter)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}
