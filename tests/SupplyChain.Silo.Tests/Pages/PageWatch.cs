using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>A browser tab under test: what it logged as errors, and screenshots saved as test artifacts.</summary>
public sealed class PageWatch : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _errors = new();

    private PageWatch(IPage page)
    {
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _errors.Enqueue($"page error: {error}");
    }

    public IPage Page { get; }

    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Where screenshots go: the test output's TestResults/screenshots.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task<PageWatch> OpenAsync(IBrowserContext browser, int width = 1280, int height = 800)
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        return new PageWatch(page);
    }

    public void AssertNoErrors() => Assert.True(_errors.IsEmpty, "The page logged errors:\n" + string.Join("\n", _errors));

    /// <summary>Saves a screenshot under <see cref="ScreenshotDirectory"/> and attaches it to the test's result.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        var bytes = await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        TestContext.Current.AddAttachment(name + ".png", bytes, "image/png");
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
