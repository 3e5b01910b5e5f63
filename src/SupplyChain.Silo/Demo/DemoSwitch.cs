namespace SupplyChain.Silo.Demo;

/// <summary>
/// The <c>--demo</c> command-line switch. The configuration's command-line reader would take the
/// argument after a bare <c>--demo</c> as its value (swallowing, say, <c>--urls=...</c>), so
/// the switch becomes the setting it stands for before the host reads the arguments.
/// </summary>
internal static class DemoSwitch
{
    public const string Switch = "--demo";

    public static string[] Expand(string[] args) =>
        [.. args.Select(a => string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase) ? $"--{DemoOptions.Section}:Enabled=true" : a)];
}
