using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SupplyChain.Silo.Demo;
using SupplyChain.Silo.Pages;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>The pages over plain HTTP on the shared silo (default map settings), and their settings' validation.</summary>
public sealed partial class PagesApiTests(SiloFixture fixture)
{
    private readonly HttpClient _anonymous = fixture.Silo.Client();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/track/1Z999AA10123456784")]
    [InlineData("/track/NEVER-SEEN")]
    [InlineData("/ops")]
    public async Task Page_WithoutKey_HtmlShell(string path)
    {
        var response = await _anonymous.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("__MAP_CONFIG__", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_MapConfig_DefaultTilesInlinedAsJsonThatCannotCloseItsScript()
    {
        var html = await _anonymous.GetStringAsync("/track/ANY", Ct);

        var json = MapConfigElement().Match(html).Groups[1].Value;
        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        using var config = JsonDocument.Parse(json);
        Assert.Equal(MapOptions.DefaultTileUrl, config.RootElement.GetProperty("tileUrl").GetString());
        Assert.Equal(MapOptions.DefaultAttribution, config.RootElement.GetProperty("attribution").GetString());
        Assert.Equal(3, config.RootElement.GetProperty("vehiclePollSeconds").GetDouble());
    }

    [Theory]
    [InlineData("/assets/lib/leaflet/leaflet.js", "text/javascript")]
    [InlineData("/assets/lib/leaflet/leaflet.css", "text/css")]
    [InlineData("/assets/lib/topojson/topojson-client.min.js", "text/javascript")]
    [InlineData("/assets/lib/worldatlas/countries-50m.json", "application/json")]
    [InlineData("/assets/app/track.js", "text/javascript")]
    [InlineData("/assets/app/ops.js", "text/javascript")]
    [InlineData("/assets/app/app.css", "text/css")]
    public async Task Asset_Embedded_ServedWithItsType(string path, string mediaType)
    {
        var response = await _anonymous.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Content.Headers.ContentLength > 0);
    }

    [Fact]
    public async Task Asset_Unknown_NotFound() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync("/assets/lib/nothing.js", Ct)).StatusCode);

    [Theory]
    [InlineData("", "", true)]
    [InlineData("https://tiles.example.com/{z}/{x}/{y}.png", "© Example", true)]
    [InlineData("https://{s}.tiles.example.com/{z}/{x}/{y}.png", "© Example", true)]
    [InlineData("https://tiles.example.com/{z}/{x}/{y}.png", "", false)]
    [InlineData("https://tiles.example.com/tile.png", "© Example", false)]
    [InlineData("ftp://tiles.example.com/{z}/{x}/{y}.png", "© Example", false)]
    [InlineData("/tiles/{z}/{x}/{y}.png", "© Example", false)]
    public void MapOptions_TileUrlAndAttribution_Validated(string tileUrl, string attribution, bool valid)
    {
        var result = new MapOptionsValidator().Validate(null, new MapOptions { TileUrl = tileUrl, Attribution = attribution });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("SupplyChain:Map:", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MapOptions_BadZoomAndPoll_NameTheKeys()
    {
        var result = new MapOptionsValidator().Validate(null, new MapOptions { MaxZoom = 30, VehiclePollInterval = TimeSpan.Zero });

        Assert.Contains("SupplyChain:Map:MaxZoom", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SupplyChain:Map:VehiclePollInterval", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void DemoOptions_TooFastForTracking_Refused()
    {
        var result = new DemoOptionsValidator().Validate(null, new DemoOptions
        {
            SpeedKmh = 500, TickInterval = TimeSpan.FromMilliseconds(10), TripTimePerTick = TimeSpan.FromHours(1),
        });

        Assert.Contains("SupplyChain:Demo:SpeedKmh", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SupplyChain:Demo:TickInterval", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SupplyChain:Demo:TripTimePerTick", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new DemoOptionsValidator().Validate(null, new DemoOptions()).Succeeded);
    }

    [Fact]
    public void DemoSwitch_BareFlag_BecomesItsSettingsAndKeepsTheNextArgument() =>
        Assert.Equal(
            ["--SupplyChain:Demo:Enabled=true", "--SupplyChain:Privacy:PublicPositionPrecision=Exact", "--urls=http://127.0.0.1:9000"],
            DemoSwitch.Expand(["--demo", "--urls=http://127.0.0.1:9000"]));

    [Fact]
    public async Task Silo_BadTileUrl_RefusesToStartNamingTheKey()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => RunningSilo.StartAsync("Development", "--SupplyChain:Map:TileUrl=not a url"));

        Assert.Contains("SupplyChain:Map:TileUrl", ex.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("""<script id="map-config" type="application/json">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex MapConfigElement();
}
