using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SupplyChain.Contracts.Streams;
using SupplyChain.Durable.Tests.Infrastructure;

namespace SupplyChain.Durable.Tests.Storage;

/// <summary>The host's grain storage (Azure Blob, System.Text.Json) against a real Azurite, through Orleans' own storage interface.</summary>
public sealed class GrainStorageTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task State_WrittenThenReadAfterRestartThenCleared()
    {
        var grain = GrainId.Create("storagetest", Guid.NewGuid().ToString("N"));
        var written = new GrainState<Parcel>(new Parcel("1Z999", 3, ["RTM-1", "DUS-2"], DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

        await using (var first = await StartAsync())
        {
            var storage = first.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);
            await storage.WriteStateAsync("parcel", grain, written);
            Assert.NotNull(written.ETag);
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        await using var second = await StartAsync();
        var restarted = second.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);
        var read = new GrainState<Parcel>();
        await restarted.ReadStateAsync("parcel", grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(written.State!.TrackingNumber, read.State!.TrackingNumber);
        Assert.Equal(written.State.Scans, read.State.Scans);
        Assert.Equal(written.State.Facilities, read.State.Facilities);
        Assert.Equal(written.State.At, read.State.At);
        Assert.Single(await BlobsNamed(grain));

        await restarted.ClearStateAsync("parcel", grain, read);
        var cleared = new GrainState<Parcel>();
        await restarted.ReadStateAsync("parcel", grain, cleared);
        Assert.False(cleared.RecordExists);
        Assert.Empty(await BlobsNamed(grain));
    }

    [Fact]
    public async Task StaleETag_Write_ThrowsInconsistentState()
    {
        var grain = GrainId.Create("storagetest", Guid.NewGuid().ToString("N"));
        await using var app = await StartAsync();
        var storage = app.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);
        await storage.WriteStateAsync("parcel", grain, new GrainState<Parcel>(new Parcel("1Z1", 1, [], DateTimeOffset.UnixEpoch)));

        var mine = new GrainState<Parcel>();
        var theirs = new GrainState<Parcel>();
        await storage.ReadStateAsync("parcel", grain, mine);
        await storage.ReadStateAsync("parcel", grain, theirs);
        theirs.State = theirs.State! with { Scans = 2 };
        await storage.WriteStateAsync("parcel", grain, theirs);

        mine.State = mine.State! with { Scans = 5 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("parcel", grain, mine));

        var kept = new GrainState<Parcel>();
        await storage.ReadStateAsync("parcel", grain, kept);
        Assert.Equal(2, kept.State!.Scans);
    }

    private async Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync()
    {
        var app = InProcessSilo.Build(_azurite.ConnectionString, "storage");
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private async Task<List<string>> BlobsNamed(GrainId grain)
    {
        var names = new List<string>();
        await foreach (var blob in _azurite.Blobs.GetBlobContainerClient("grainstate").GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            if (blob.Name.Contains(grain.Key.ToString()!, StringComparison.Ordinal))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }

    /// <summary>A state shape like the grains': a record with a list and a time.</summary>
    public sealed record Parcel(string TrackingNumber, int Scans, List<string> Facilities, DateTimeOffset At)
    {
        public Parcel() : this(string.Empty, 0, [], default)
        {
        }
    }
}
