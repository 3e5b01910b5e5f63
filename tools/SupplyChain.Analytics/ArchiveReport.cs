using System.Data.Common;
using DuckDB.NET.Data;

namespace SupplyChain.Analytics;

/// <summary>Runs the queries of <c>Queries/</c> on an archive directory with an in-memory DuckDB.</summary>
public static class ArchiveReport
{
    /// <summary>The query names, as files in <c>Queries/</c> without <c>.sql</c>.</summary>
    public static readonly string[] Queries = ["on-time-by-lane", "dwell-by-facility"];

    /// <summary>The rows of query <paramref name="name"/> over the archive in <paramref name="archive"/>: column names, then values.</summary>
    public static async Task<(string[] Columns, List<object?[]> Rows)> RunAsync(string name, string archive)
    {
        var sql = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Queries", name + ".sql")))
            .Replace("{archive}", Path.GetFullPath(archive).Replace("'", "''", StringComparison.Ordinal), StringComparison.Ordinal);
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return (columns, rows);
    }
}
