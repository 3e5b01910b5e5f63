namespace SupplyChain.Silo.Demo;

/// <summary>
/// The <c>--demo</c> command-line switch. The configuration's command-line reader would take the
/// argument after a bare <c>--demo</c> as its value (swallowing, say, <c>--urls=...</c>), so
/// the switch becomes the settings it stands for before the host reads the arguments: the demo, and
/// exact public positions, since the demo's parcels belong to nobody and a tracking page that moves
/// only every kilometre shows a newcomer nothing (a later argument still overrides it).
/// </summary>
internal static class DemoSwitch
{
    public const string Switch = "--demo";

    public static string[] Expand(string[] args) =>
    [
        .. args.SelectMany(a => string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase)
            ? [$"--{DemoOptions.SectionName}:Enabled=true", $"--{Shipments.PrivacyOptions.SectionName}:PublicPositionPrecision=Exact"]
            : new[] { a }),
    ];
}
