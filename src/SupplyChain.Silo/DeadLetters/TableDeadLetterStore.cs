using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Orleans.Serialization;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Grains.Partitions;

namespace SupplyChain.Silo.DeadLetters;

/// <summary>
/// The durable profile's dead letters: one row per letter in an Azure table, partitioned by
/// service id. The event travels as Orleans' own serialization of it (what the stream carried);
/// the columns beside it are for people reading the table. Thread safe.
/// <para>
/// A row cannot refuse a letter for its size, since a refused letter would keep its stream message
/// failing and hold the partition up for good. Azure Table takes at most 64 KiB per property and
/// 1 MiB per entity, so the text columns are shortened (an id or key of thousands of characters is
/// hostile or broken input, and its first <see cref="MaxTextLength"/> characters identify it), and a
/// payload larger than <see cref="MaxPayloadBytes"/> is not kept: the row keeps its SHA-256 and size
/// instead, and such a letter cannot be re-driven. The alternative, the payload in a blob beside the
/// row, was left out: it makes dead-lettering depend on Blob storage too, the service whose
/// failures most often cause dead letters, and buys only the re-drive of events no one should
/// re-drive: an event of more than 60 KB (a stream message carries at most 46 KB compressed) is
/// hostile or broken input, and what ops need of it is to find its sender, which its identity
/// columns and hash do.
/// Should the table still refuse a row for its content (a 400 or 413), the letter is written again
/// with only its identity, reason and hash, so nothing the sender wrote can stop it.
/// </para>
/// </summary>
internal sealed class TableDeadLetterStore(TableClient table, string serviceId, Serializer serializer) : IDeadLetterStore
{
    /// <summary>Characters kept of the key, source and event id columns (2 KiB each as UTF-16).</summary>
    internal const int MaxTextLength = 1024;

    /// <summary>Azure Table string columns hold 32K characters; a reason needs far fewer.</summary>
    internal const int MaxReasonLength = 4000;

    /// <summary>The largest payload kept whole: under the 64 KiB a binary property holds, so the row stays far below 1 MiB.</summary>
    internal const int MaxPayloadBytes = 60 * 1024;

    private int _created;

    public async Task AddAsync(InboundDeadLetter letter, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var payload = letter.Event is { } e ? serializer.SerializeToArray<InboundEvent>(e) : null;
        var entity = new TableEntity(serviceId, letter.Id)
        {
            ["Partition"] = letter.Partition,
            ["Reason"] = Shorten(letter.Reason, MaxReasonLength),
            ["Attempts"] = letter.Attempts,
            ["DeadLetteredAt"] = letter.At,
            ["Key"] = Shorten(letter.Key, MaxTextLength),
            ["Source"] = Shorten(letter.Source, MaxTextLength),
            ["EventId"] = Shorten(letter.EventId, MaxTextLength),
            ["EventTime"] = letter.EventTime,
            ["EventType"] = letter.Type,
        };
        if (payload is not null && payload.Length <= MaxPayloadBytes)
        {
            entity["Event"] = payload;
        }
        else if (payload is not null)
        {
            entity["EventSha256"] = Convert.ToHexStringLower(SHA256.HashData(payload));
            entity["EventBytes"] = payload.Length;
        }

        try
        {
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException refused) when (refused.Status is 400 or 413)
        {
            await table.UpsertEntityAsync(Bare(entity, payload), TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<InboundDeadLetter>> ListAsync(int max, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var letters = new List<InboundDeadLetter>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == serviceId, cancellationToken: cancellationToken))
        {
            letters.Add(ToLetter(entity));
        }

        return [.. letters.OrderBy(l => l.At).Take(max)];
    }

    public async Task<InboundDeadLetter?> GetAsync(string id, CancellationToken cancellationToken)
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

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters, the cut marked, never splitting a surrogate pair.</summary>
    internal static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "…");
    }

    /// <summary>
    /// The row once more with the sender's text reduced to short printable ASCII and no payload,
    /// only its hash: what is left cannot be refused for its content.
    /// </summary>
    private static TableEntity Bare(TableEntity entity, byte[]? payload)
    {
        var bare = new TableEntity(entity.PartitionKey, entity.RowKey);
        foreach (var column in (string[])["Partition", "Attempts", "DeadLetteredAt", "EventTime", "EventType"])
        {
            bare[column] = entity[column];
        }

        bare["Reason"] = Printable(Shorten((string)entity["Reason"], 500)) + " (the store refused the full letter; only its identity is kept)";
        bare["Key"] = Printable(Shorten((string)entity["Key"], 200));
        bare["Source"] = Printable(Shorten((string)entity["Source"], 200));
        bare["EventId"] = Printable(Shorten((string)entity["EventId"], 200));
        if (payload is not null)
        {
            bare["EventSha256"] = Convert.ToHexStringLower(SHA256.HashData(payload));
            bare["EventBytes"] = payload.Length;
        }

        return bare;
    }

    private static string Printable(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
        }
    });

    private InboundDeadLetter ToLetter(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Partition") ?? string.Empty,
        entity.GetString("EventType") ?? string.Empty,
        entity.GetString("Key") ?? string.Empty,
        entity.GetString("Source") ?? string.Empty,
        entity.GetString("EventId") ?? string.Empty,
        entity.GetDateTimeOffset("EventTime") ?? DateTimeOffset.MinValue,
        entity.GetString("Reason") ?? string.Empty,
        entity.GetInt32("Attempts") ?? 0,
        entity.GetDateTimeOffset("DeadLetteredAt") ?? DateTimeOffset.MinValue,
        entity.GetBinary("Event") is { } payload ? serializer.Deserialize<InboundEvent>(payload) : null)
    {
        PayloadSha256 = entity.GetString("EventSha256"),
        PayloadBytes = entity.GetInt32("EventBytes"),
    };

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
