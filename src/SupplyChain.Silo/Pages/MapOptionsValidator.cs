using Microsoft.Extensions.Options;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Pages;

/// <summary>Stops the silo at start on a map setting the pages could not use, naming the key.</summary>
internal sealed class MapOptionsValidator : IValidateOptions<MapOptions>
{
    public ValidateOptionsResult Validate(string? name, MapOptions o) => OptionErrors.Result(
        ($"{MapOptions.SectionName}:TileUrl", o.TileUrl is not null && (o.TileUrl.Length == 0 || IsTemplate(o.TileUrl)),
            "must be empty (offline basemap only) or an absolute http(s) URL template with {z}, {x} and {y}"),
        ($"{MapOptions.SectionName}:Attribution", o.Attribution is not null, "must be set (it may be empty only with an empty TileUrl)"),
        ($"{MapOptions.SectionName}:Attribution", o.TileUrl is not { Length: > 0 } || !string.IsNullOrWhiteSpace(o.Attribution),
            "must credit the tile provider when TileUrl is set"),
        ($"{MapOptions.SectionName}:MaxZoom", o.MaxZoom is >= 1 and <= 22, "must be in [1, 22]"),
        ($"{MapOptions.SectionName}:VehiclePollInterval", o.VehiclePollInterval >= TimeSpan.FromSeconds(1) && o.VehiclePollInterval <= TimeSpan.FromMinutes(5),
            "must be in [00:00:01, 00:05:00]"),
        ($"{MapOptions.SectionName}:MaxMarkers", o.MaxMarkers is >= 100 and <= 10_000, "must be in [100, 10000]"));

    // Uri refuses the braces only in the host, so a template parses once they are filled in.
    private static bool IsTemplate(string url) =>
        url.Contains("{z}", StringComparison.Ordinal) && url.Contains("{x}", StringComparison.Ordinal) && url.Contains("{y}", StringComparison.Ordinal)
        && Uri.TryCreate(url.Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https";
}
