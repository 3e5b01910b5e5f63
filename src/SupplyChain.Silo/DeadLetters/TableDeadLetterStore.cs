using Azure;
using Azure.Data.Tables;
using Orleans.Serialization;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Grains.Ingestion;

namespace SupplyChain.Silo.DeadLetters;

/// <summary>
/// The durable profile's dead letters: one row per letter in an Azure table, partitioned by
/// service id. The event travels as Orleans' own serialization of it (what the stream carried);
/// the columns beside it are for people reading the table. Thread safe.
/// </summary>
internal sealed class TableDeadLetterStore(TableClient table, string serviceId, Serializer serializer) : IDeadLetterStore
{
    /// <summary>Azure Table string columns hold 32K characters; a reason needs far fewer.</summary>
    private const int MaxReasonLength = 4000;

    private int _created;

    public async Task AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var e = letter.Event;
        var entity = new TableEntity(serviceId, letter.Id)
        {
            ["Partition"] = letter.Partition,
            ["Reason"] = letter.Reason.Length > MaxReasonLength ? letter.Reason[..MaxReasonLength] : letter.Reason,
            ["Attempts"] = letter.Attempts,
            ["DeadLetteredAt"] = letter.At,
            ["Key"] = e.Key,
            ["Source"] = e.Source,
            ["EventId"] = e.Id,
            ["EventTime"] = e.Time,
            ["EventType"] = e.GetType().Name,
            ["Event"] = serializer.SerializeToArray<InboundEvent>(e),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == serviceId, cancellationToken: cancellationToken))
        {
            letters.Add(ToLetter(entity));
        }

        return [.. letters.OrderBy(l => l.At).Take(max)];
    }

    public async Task<DeadLetter?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(serviceId, id, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? ToLetter(entity) : null;
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        await table.DeleteEntityAsync(serviceId, id, ETag.All, cancellationToken);
    }

    private DeadLetter ToLetter(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Partition") ?? string.Empty,
        serializer.Deserialize<InboundEvent>(entity.GetBinary("Event"))!,
        entity.GetString("Reason") ?? string.Empty,
        entity.GetInt32("Attempts") ?? 0,
        entity.GetDateTimeOffset("DeadLetteredAt") ?? DateTimeOffset.MinValue);

    /// <summary>Creates the table on first use: most silos never dead-letter anything.</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            Volatile.Write(ref _created, 1);
        }
    }
}
