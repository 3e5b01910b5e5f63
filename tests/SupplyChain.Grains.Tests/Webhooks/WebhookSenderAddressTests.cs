using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Events;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>
/// The sender's url check at subscription (scheme, port, addresses, each refusal saying what is
/// wrong) and the same check again at connection, where a stored url meets today's settings and
/// today's DNS. Addresses are literals or localhost, so nothing leaves the machine.
/// </summary>
public sealed class WebhookSenderAddressTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> RefusedUrls => new()
    {
        { "http://93.184.215.14/hooks", "The url must use https." },
        { "https://93.184.215.14:8443/hooks", "The url's port 8443 is not allowed: SupplyChain:Webhooks:AllowedPorts allows 443." },
        { "https://93.184.215.14:80/hooks", "The url's port 80 is not allowed: SupplyChain:Webhooks:AllowedPorts allows 443." },
        { "https://127.0.0.1/hooks", "The host '127.0.0.1' resolves to 127.0.0.1, a loopback address (127.0.0.0/8): webhooks go to public addresses only." },
        { "https://169.254.169.254/latest/meta-data", "The host '169.254.169.254' resolves to 169.254.169.254, the cloud metadata endpoint (169.254.169.254/32): webhooks go to public addresses only." },
        { "https://192.88.99.1/hooks", "The host '192.88.99.1' resolves to 192.88.99.1, a 6to4 relay anycast address (192.88.99.0/24): webhooks go to public addresses only." },
        { "https://100.64.0.1/hooks", "The host '100.64.0.1' resolves to 100.64.0.1, a carrier-grade NAT address (100.64.0.0/10): webhooks go to public addresses only." },
        { "https://[2002:a00:1::1]/hooks", "The host '[2002:a00:1::1]' resolves to 2002:a00:1::1, a 6to4 address (2002::/16) carrying 10.0.0.1, a private address (10.0.0.0/8): webhooks go to public addresses only." },
        { "https://[2001::1]/hooks", "The host '[2001::1]' resolves to 2001::1, a Teredo tunnel address (2001::/32): webhooks go to public addresses only." },
        { "https://[::ffff:10.0.0.1]/hooks", "The host '[::ffff:10.0.0.1]' resolves to ::ffff:10.0.0.1, an IPv4-mapped address (::ffff:0:0/96) carrying 10.0.0.1, a private address (10.0.0.0/8): webhooks go to public addresses only." },
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task CheckUrl_OutsideDevelopment_RefusesNamingWhatIsWrong(string url, string reason)
    {
        using var sender = Sender(new WebhookOptions());

        Assert.Equal(reason, await sender.CheckUrlAsync(new Uri(url), Ct));
    }

    [Fact]
    public async Task CheckUrl_Localhost_RefusedForItsLoopbackAddress()
    {
        using var sender = Sender(new WebhookOptions());

        var reason = await sender.CheckUrlAsync(new Uri("https://localhost/hooks"), Ct);

        Assert.NotNull(reason);
        Assert.StartsWith("The host 'localhost' resolves to ", reason, StringComparison.Ordinal);
        Assert.Contains("a loopback address", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://93.184.215.14/hooks")]
    [InlineData("https://93.184.215.14:443/hooks")]
    [InlineData("https://[2606:4700:4700::1111]/hooks")]
    [InlineData("https://[2002:808:808::1]/hooks")]
    public async Task CheckUrl_PublicAddressOnPort443_Allowed(string url)
    {
        using var sender = Sender(new WebhookOptions());

        Assert.Null(await sender.CheckUrlAsync(new Uri(url), Ct));
    }

    [Fact]
    public async Task CheckUrl_ConfiguredPorts_AllowThoseOnly()
    {
        using var sender = Sender(new WebhookOptions { AllowedPorts = [443, 8443] });

        Assert.Null(await sender.CheckUrlAsync(new Uri("https://93.184.215.14:8443/hooks"), Ct));
        Assert.Null(await sender.CheckUrlAsync(new Uri("https://93.184.215.14/hooks"), Ct));
        Assert.Equal(
            "The url's port 9443 is not allowed: SupplyChain:Webhooks:AllowedPorts allows 443, 8443.",
            await sender.CheckUrlAsync(new Uri("https://93.184.215.14:9443/hooks"), Ct));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hooks")]
    [InlineData("https://127.0.0.1:8443/hooks")]
    [InlineData("http://[::1]:5000/hooks")]
    public async Task CheckUrl_Development_AllowsHttpLoopbackAndAnyPort(string url)
    {
        using var sender = Sender(new WebhookOptions { AllowInsecureUrls = true });

        Assert.Null(await sender.CheckUrlAsync(new Uri(url), Ct));
    }

    [Fact]
    public async Task Send_PortNoLongerAllowed_RefusedAtConnection()
    {
        // A url stored while 8443 was allowed, delivered after the setting went back to 443.
        using var sender = Sender(new WebhookOptions());

        var outcome = await sender.SendAsync(new Uri("https://93.184.215.14:8443/hooks"), [new byte[32]], Event(), Ct);

        Assert.False(outcome.Delivered);
        Assert.Equal("Refused to connect: port 8443 is not allowed: SupplyChain:Webhooks:AllowedPorts allows 443.", outcome.Error);
    }

    [Fact]
    public async Task Send_HostNowResolvingToLoopback_RefusedAtConnection_NothingSent()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var sender = Sender(new WebhookOptions { AllowedPorts = [receiver.Url.Port] });

        var outcome = await sender.SendAsync(receiver.Url, [new byte[32]], Event(), Ct);

        Assert.False(outcome.Delivered);
        Assert.Equal("Refused to connect: '127.0.0.1' resolves to 127.0.0.1, a loopback address (127.0.0.0/8).", outcome.Error);
        Assert.Empty(receiver.Requests);
    }

    private static WebhookSender Sender(WebhookOptions options) =>
        new(Options.Create(options), new WebhookClock(TimeProvider.System), NullLogger<WebhookSender>.Instance);

    private static OutboundEvent Event() =>
        new("evt-1", "SupplyChain.Delivered", "/supplychain/shipments/T1", "T1", DateTimeOffset.UnixEpoch, "{}");
}
