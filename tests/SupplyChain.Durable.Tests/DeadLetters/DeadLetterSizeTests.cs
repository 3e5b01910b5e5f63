using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Partitions;
using SupplyChain.Silo.DeadLetters;
using SupplyChain.Durable.Tests.Infrastructure;

namespace SupplyChain.Durable.Tests.DeadLetters;

/// <summary>
/// The table store keeps every letter, however large, in a real Azure table (Azurite holds the
/// same 64 KiB per property limit): a key far beyond what a column holds, a payload beyond what a
/// row holds, and a row the table service refuses for its content.
/// </summary>
public sealed class DeadLetterSizeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private Azurite _azurite = null!;
    private ServiceProvider _services = null!;
    private TableDeadLetterStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _services = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(InboundEvent).Assembly)).BuildServiceProvider();
        _store = new TableDeadLetterStore(_azurite.Tables.GetTableClient("DeadLetters"), "sizes", _services.GetRequiredService<Serializer>());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task KeyOf40000Characters_Stored_ColumnShortened_EventWholeAndRedrivable()
    {
        var scan = Scan(new string('Z', 40_000), note: null);

        await _store.AddAsync(InboundDeadLetter.Of(scan, "3", "write refused", 6, At), TestContext.Current.CancellationToken);

        var letter = await _store.GetAsync(InboundDeadLetter.IdOf(scan), TestContext.Current.CancellationToken);
        Assert.NotNull(letter);
        Assert.Equal(TableDeadLetterStore.MaxTextLength, letter.Key.Length);
        Assert.EndsWith("…", letter.Key, StringComparison.Ordinal);
        Assert.Equal(scan, letter.Event);
        Assert.Null(letter.PayloadSha256);
    }

    [Fact]
    public async Task PayloadLargerThanARowHolds_StoredWithItsHashAndSize_NotItsPayload()
    {
        var scan = Scan("PAYLOAD-1", note: string.Concat(Enumerable.Range(0, 20_000).Select(i => Guid.NewGuid().ToString("N")[..5])));

        await _store.AddAsync(InboundDeadLetter.Of(scan, "3", "write refused", 6, At), TestContext.Current.CancellationToken);

        var letter = Assert.Single(await _store.ListAsync(10, TestContext.Current.CancellationToken));
        Assert.Null(letter.Event);
        Assert.Equal("PAYLOAD-1", letter.Key);
        Assert.Equal(scan.Id, letter.EventId);
        Assert.Equal(64, letter.PayloadSha256!.Length);
        Assert.True(letter.PayloadBytes > TableDeadLetterStore.MaxPayloadBytes);
    }

    [Fact]
    public async Task RowTheTableRefusesForItsContent_StoredAgainWithItsIdentityOnly()
    {
        var store = new TableDeadLetterStore(
            new RefusingFirstRow(_azurite.Tables.GetTableClient("DeadLetters")), "refused", _services.GetRequiredService<Serializer>());
        var scan = Scan("REFUSED-\u00e9-1", note: "a note");

        await store.AddAsync(InboundDeadLetter.Of(scan, "3", "write refused", 6, At), TestContext.Current.CancellationToken);

        var letter = await store.GetAsync(InboundDeadLetter.IdOf(scan), TestContext.Current.CancellationToken);
        Assert.NotNull(letter);
        Assert.Equal("REFUSED-?-1", letter.Key);
        Assert.Null(letter.Event);
        Assert.Equal(64, letter.PayloadSha256!.Length);
        Assert.Equal(6, letter.Attempts);
        Assert.StartsWith("write refused", letter.Reason, StringComparison.Ordinal);
    }

    private static ScanReceived Scan(string trackingNumber, string? note) =>
        new("/carriers/acme", Guid.NewGuid().ToString("N"), At, trackingNumber, ScanType.PickedUp, new GeoPoint(51.9, 4.5), "RTM-1", null, note);

    /// <summary>A table that refuses the first row it is given as invalid input, as the service does with content it cannot take.</summary>
    private sealed class RefusingFirstRow(TableClient inner) : TableClient
    {
        private int _refused;

        public override Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
            inner.CreateIfNotExistsAsync(cancellationToken);

        public override Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
            Interlocked.Exchange(ref _refused, 1) == 0
                ? throw new RequestFailedException(400, "The table refuses the row (test).", "InvalidInput", null)
                : inner.UpsertEntityAsync(entity, mode, cancellationToken);

        public override Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(
            string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
            inner.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
    }
}
