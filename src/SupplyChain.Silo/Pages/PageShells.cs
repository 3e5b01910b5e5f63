using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Pages;

/// <summary>
/// The pages' HTML, read once from the assembly with the map configuration written in, so the
/// browser needs no extra request before it can draw the map. Thread safe.
/// </summary>
internal sealed class PageShells
{
    /// <summary>The resource name prefix the ClientApp build gives the front end's files (see ClientApp/ClientApp.targets).</summary>
    internal const string ResourceRoot = "clientapp";

    private const string ConfigPlaceholder = "__MAP_CONFIG__";

    private readonly string _track;
    private readonly string _ops;

    public PageShells(IOptions<MapOptions> options)
    {
        var map = options.Value;
        // The default encoder escapes '<' and '>', so the JSON cannot close the script element it sits in.
        var config = JsonSerializer.Serialize(new
        {
            tileUrl = map.TileUrl,
            attribution = map.Attribution,
            maxZoom = map.MaxZoom,
            vehiclePollSeconds = map.VehiclePollInterval.TotalSeconds,
        });
        _track = Read("app/track.html").Replace(ConfigPlaceholder, config, StringComparison.Ordinal);
        _ops = Read("app/ops.html").Replace(ConfigPlaceholder, config, StringComparison.Ordinal);
    }

    /// <summary>The embedded front-end files, by URL path under the static route.</summary>
    public static IFileProvider Files { get; } = new EmbeddedFileProvider(typeof(PageShells).Assembly, ResourceRoot);

    public string Track => _track;

    public string Ops => _ops;

    private static string Read(string path)
    {
        var file = Files.GetFileInfo(path);
        if (!file.Exists)
        {
            throw new InvalidOperationException(
                $"The page '{path}' is not embedded in {typeof(PageShells).Assembly.GetName().Name}; the ClientApp build step did not run.");
        }

        using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
