namespace SupplyChain.Silo.Tests.Pages;

/// <summary>The pages' silo and Chromium, the silo archiving into a directory of its own within a fraction of a second.</summary>
public sealed class PlaybackPagesFixture : PagesFixture
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "playback-test-" + Guid.NewGuid().ToString("N"));

    protected override string[] SiloArgs =>
    [
        $"--SupplyChain:Archive:Directory={Directory}",
        "--SupplyChain:Archive:MaxDelay=00:00:00.300",
    ];
}
