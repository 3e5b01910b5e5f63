using Azure.Data.Tables;

namespace SupplyChain.Durable.Tests.Infrastructure;

/// <summary>Reads Orleans' membership table in Azurite, as an operator would.</summary>
public static class Membership
{
    /// <summary>Silo rows of <paramref name="clusterId"/>: (address, port, status).</summary>
    public static async Task<List<(string Address, int Port, string Status)>> SilosAsync(Azurite azurite, string clusterId)
    {
        var table = azurite.Tables.GetTableClient("OrleansSiloInstances");
        var silos = new List<(string, int, string)>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == clusterId, cancellationToken: TestContext.Current.CancellationToken))
            {
                if (row.GetString("Status") is { } status)
                {
                    silos.Add((row.GetString("Address") ?? string.Empty, int.Parse(row.GetString("Port") ?? "0", System.Globalization.CultureInfo.InvariantCulture), status));
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The table appears with the first silo.
        }

        return silos;
    }

    /// <summary>How many silos of <paramref name="clusterId"/> the table lists as Active.</summary>
    public static async Task<int> ActiveAsync(Azurite azurite, string clusterId) =>
        (await SilosAsync(azurite, clusterId)).Count(s => s.Status == "Active");

    /// <summary>The status of the silo on <paramref name="siloPort"/> in its latest generation.</summary>
    public static async Task<string?> StatusOfAsync(Azurite azurite, string clusterId, int siloPort) =>
        (await SilosAsync(azurite, clusterId)).LastOrDefault(s => s.Port == siloPort).Status;
}
