using Microsoft.Playwright;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>
/// A silo of its own with no tile URL (the pages draw only the offline basemap: tiles from the
/// internet cannot load here, and Chromium reports each failed request as a console error, which
/// the tests forbid), and one Chromium for the test class. Chromium is the system's
/// (<c>apt-get install -y chromium</c>), never one Playwright downloads; <c>SUPPLYCHAIN_CHROMIUM</c>
/// points elsewhere.
/// </summary>
public class PagesFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private LoopbackSilo? _silo;
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;
    private string? _profile;

    /// <summary>Settings for the silo besides the test defaults.</summary>
    protected virtual string[] SiloArgs => [];

    public LoopbackSilo Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    /// <summary>The browser (a persistent context: a fresh profile directory needs one).</summary>
    public IBrowserContext Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("SUPPLYCHAIN_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {ChromiumPath}. Install it with 'apt-get install -y chromium' or set SUPPLYCHAIN_CHROMIUM; the page tests never download a browser.");
        }

        _silo = await RunningSilo.StartAsync("Development", ["--SupplyChain:Map:TileUrl=", "--SupplyChain:Map:VehiclePollInterval=00:00:01", .. SiloArgs]);
        _playwright = await Playwright.CreateAsync();
        _profile = Directory.CreateTempSubdirectory("supplychain-chromium-").FullName;
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            BaseURL = _silo.Address.ToString(),
        });
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_profile is not null)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold a lock file for a moment; the temp directory is cleaned by the OS.
            }
        }
    }
}
