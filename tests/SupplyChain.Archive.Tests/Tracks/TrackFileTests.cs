using SupplyChain.Archive.Tracks;

namespace SupplyChain.Archive.Tests.Tracks;

public sealed class TrackFileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AVehicle_IsReadBackWhole_FromAFileOfManyRowGroups()
    {
        // 3,000 vehicles of 10 pings: the file has several row groups, and vehicles span their edges.
        var points = Enumerable.Range(0, 3_000)
            .SelectMany(v => Enumerable.Range(0, 10).Select(i => new TrackPoint($"V{v:D5}", T0.AddSeconds(i * 30), 50 + (v * 0.001), 4 + (i * 0.001), i, null, 5)))
            .ToList();
        var sorted = TrackPoints.SortedDistinct(points, byVehicle: true);
        var bytes = await TrackFile.EncodeAsync(sorted, TestContext.Current.CancellationToken);

        foreach (var vehicle in new[] { "V00000", "V00819", "V01638", "V02999" })
        {
            var read = await TrackFile.ReadVehicleAsync(new MemoryStream(bytes), vehicle, TestContext.Current.CancellationToken);
            Assert.Equal(sorted.Where(p => p.VehicleId == vehicle), read);
        }

        Assert.Empty(await TrackFile.ReadVehicleAsync(new MemoryStream(bytes), "V99999", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void SortedDistinct_DropsCopies_AndOrdersByVehicleThenTime()
    {
        var a1 = new TrackPoint("A", T0.AddSeconds(10), 1, 1, null, null, null);
        var a0 = new TrackPoint("A", T0, 1, 1, null, null, null);
        var b0 = new TrackPoint("B", T0, 2, 2, null, null, null);
        Assert.Equal([a0, a1, b0], TrackPoints.SortedDistinct([b0, a1, a0, a1 with { }, b0], byVehicle: true));
    }
}
