using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// The Durable mode's audit store: the <see cref="TableName"/> Azure table, one partition per service
/// and UTC hour, one row per record. Keys count down in time, <c>PartitionKey</c> =
/// <c>{serviceId}-{9999999999 − yyyyMMddHH}</c> and <c>RowKey</c> = the record id
/// (<see cref="AuditRecordId"/>), so the table's own order, partition then row, is newest first: a
/// listing is one range query that stops after a page, and the partitions older than a cut-off are
/// one range too, for expiry. A batch is one transaction per partition (a batch spans two only at the
/// turn of an hour). Thread safe.
/// </summary>
internal sealed class TableAuditStore(TableClient table, string serviceId) : IAuditStore
{
    /// <summary>The table's name.</summary>
    public const string TableName = "AuditLog";

    private const long HourCeiling = 9_999_999_999;

    private int _created;

    public async Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        foreach (var partition in records.GroupBy(r => PartitionOf(r.At)))
        {
            // Upserts, so a batch written again after a failure that hid its success stores each record once.
            await table.SubmitTransactionAsync(
                partition.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partition.Key, r))),
                cancellationToken);
        }
    }

    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var matches = new List<AuditRecord>();
        var pageSize = Math.Min(query.Limit + 1, AuditQuery.MaxLimit);
        await foreach (var entity in table.QueryAsync<TableEntity>(FilterOf(query), pageSize, cancellationToken: cancellationToken))
        {
            matches.Add(ToRecord(entity));
            if (matches.Count > query.Limit)
            {
                break;
            }
        }

        return AuditPages.Of(matches, query.Limit);
    }

    /// <summary>The partition of the hour <paramref name="at"/> falls in.</summary>
    internal string PartitionOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var hour = (((((long)utc.Year * 100) + utc.Month) * 100 + utc.Day) * 100) + utc.Hour;
        return string.Create(CultureInfo.InvariantCulture, $"{serviceId}-{HourCeiling - hour:D10}");
    }

    private string FilterOf(AuditQuery query)
    {
        // Newer records have smaller keys: "to" bounds from below, "from" from above.
        List<string> terms =
        [
            TableClient.CreateQueryFilter($"PartitionKey ge {(query.To is { } to ? PartitionOf(to) : serviceId + "-0000000000")}"),
            TableClient.CreateQueryFilter($"PartitionKey le {(query.From is { } from ? PartitionOf(from) : serviceId + "-9999999999")}"),
        ];
        if (query.To is { } upper)
        {
            terms.Add(TableClient.CreateQueryFilter($"RowKey ge {AuditRecordId.TicksKey(upper)}"));
        }

        if (query.From is { } lower)
        {
            terms.Add(TableClient.CreateQueryFilter($"RowKey lt {AuditRecordId.After(lower)}"));
        }

        if (query.After is { } after)
        {
            // Older partitions hold only larger row keys, so one comparison pages across partitions too.
            terms.Add(TableClient.CreateQueryFilter($"PartitionKey ge {PartitionOf(AuditRecordId.TimeOf(after))}"));
            terms.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        if (query.Account is { } account)
        {
            terms.Add(TableClient.CreateQueryFilter($"Account eq {account}"));
        }

        if (query.Action is { } action)
        {
            terms.Add(TableClient.CreateQueryFilter($"Action eq {action}"));
        }

        if (query.Target is { } target)
        {
            terms.Add(TableClient.CreateQueryFilter($"Target eq {target}"));
        }

        return string.Join(" and ", terms);
    }

    private static TableEntity ToEntity(string partition, AuditRecord r) => new(partition, r.Id)
    {
        ["At"] = r.At,
        ["Action"] = r.Action,
        ["Target"] = r.Target,
        ["Status"] = r.Status,
        ["Account"] = r.Account,
        ["Key"] = r.Key,
        ["Role"] = r.Role,
        ["ClientAddress"] = r.ClientAddress,
        ["TraceId"] = r.TraceId,
        ["Requests"] = r.Requests,
        ["Events"] = r.Events,
        ["Sources"] = r.Sources is null ? null : JsonSerializer.Serialize(r.Sources, AuditJson.Default.IReadOnlyListString),
        ["SourceCount"] = r.SourceCount,
        ["Outcome"] = r.Outcome,
    };

    private static AuditRecord ToRecord(TableEntity e) => new(
        e.RowKey,
        e.GetDateTimeOffset("At") ?? AuditRecordId.TimeOf(e.RowKey),
        e.GetString("Action") ?? string.Empty,
        e.GetString("Target"),
        e.GetInt32("Status") ?? 0,
        e.GetString("Account"),
        e.GetString("Key"),
        e.GetString("Role") ?? AuditRecord.Anonymous,
        e.GetString("ClientAddress") ?? string.Empty,
        e.GetString("TraceId"),
        e.GetInt32("Requests") ?? 1,
        e.GetInt64("Events"),
        e.GetString("Sources") is { } sources ? JsonSerializer.Deserialize(sources, AuditJson.Default.IReadOnlyListString) : null,
        e.GetInt32("SourceCount"),
        e.GetString("Outcome"));

    /// <summary>Creates the table on first use.</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            Volatile.Write(ref _created, 1);
        }
    }
}
