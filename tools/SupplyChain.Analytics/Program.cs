using System.Globalization;
using SupplyChain.Analytics;

// dotnet run --project tools/SupplyChain.Analytics -- [archive directory]   (default: the Embedded silo's)
var archive = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "supplychain-archive");
foreach (var name in ArchiveReport.Queries)
{
    var (columns, rows) = await ArchiveReport.RunAsync(name, archive);
    Console.WriteLine($"== {name}");
    Console.WriteLine(string.Join(" | ", columns));
    foreach (var row in rows)
    {
        Console.WriteLine(string.Join(" | ", row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
    }

    Console.WriteLine();
}
