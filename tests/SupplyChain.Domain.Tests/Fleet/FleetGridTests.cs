using SupplyChain.Domain.Fleet;
using SupplyChain.Domain.Geodesy;
using Xunit;

namespace SupplyChain.Domain.Tests.Fleet;

public sealed class FleetGridTests
{
    private static readonly MapBox Europe = new(-10, 36, 30, 60);
    private static readonly MapBox Rotterdam = new(4.3, 51.85, 4.6, 52.0);

    private sealed record Line(string Id, double Lat, double Lon, bool Moving);

    [Fact]
    public void Within_TwentyThousandVehicles_ExactlyThoseInsideEveryBox()
    {
        var (grid, lines) = RandomFleet(20_000, seed: 1);
        MapBox[] boxes = [Europe, Rotterdam, MapBox.World, new(-180, -90, -179, -89), new(4, 50, 4.01, 50.01), new(-10, 36, -9.5, 36.5), new(29.9, 59.9, 30, 60)];

        foreach (var box in boxes)
        {
            var expected = lines.Values.Where(l => box.Contains(l.Lat, l.Lon)).Select(l => l.Id).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, grid.Within(box).Select(l => l.Id).Order(StringComparer.Ordinal));
            Assert.Equal(expected.Count, grid.CountWithin(box));
        }
    }

    [Fact]
    public void Within_EdgesOfTheBox_AreInside()
    {
        var grid = new FleetGrid<Line>();
        Put(grid, new Line("ON-EDGE", 52.0, 4.6, true));
        Put(grid, new Line("CORNER", 51.85, 4.3, true));
        Put(grid, new Line("JUST-OUT", 52.0000001, 4.45, true));

        Assert.Equal(["CORNER", "ON-EDGE"], grid.Within(Rotterdam).Select(l => l.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Put_AVehicleMovingFar_IsFoundWhereItIsAndNotWhereItWas()
    {
        var grid = new FleetGrid<Line>();
        Put(grid, new Line("T1", 51.9, 4.5, true));
        Put(grid, new Line("T2", 51.91, 4.51, false));
        Put(grid, new Line("T1", 40.4, -3.7, true));

        Assert.Equal(["T2"], grid.Within(Rotterdam).Select(l => l.Id));
        Assert.Equal(["T1"], grid.Within(new MapBox(-4, 40, -3, 41)).Select(l => l.Id));
        Assert.Equal(2, grid.Count);
        Assert.Equal(1, grid.Moving);
        Assert.True(grid.TryGet("T1", out var t1));
        Assert.Equal(-3.7, t1!.Lon);
    }

    [Fact]
    public void Put_MovingAndStopping_KeepsTheMovingCount()
    {
        var grid = new FleetGrid<Line>();
        Put(grid, new Line("A", 50, 4, true));
        Put(grid, new Line("B", 50, 4, true));
        Put(grid, new Line("A", 50, 4, false));
        Put(grid, new Line("A", 50, 4, false));

        Assert.Equal(1, grid.Moving);
        Assert.Equal(4, grid.Version);
    }

    [Fact]
    public void Put_InvalidPosition_Refused()
    {
        var grid = new FleetGrid<Line>();

        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Put("X", new GeoPoint(double.NaN, 4), true, new Line("X", 0, 0, true)));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Put("X", new GeoPoint(91, 4), true, new Line("X", 0, 0, true)));
        Assert.Equal(0, grid.Count);
    }

    [Fact]
    public void Clusters_CountEveryVehicleInsideOnceInItsCell()
    {
        var (grid, lines) = RandomFleet(20_000, seed: 2);
        const int level = 7;

        var clusters = grid.Clusters(Europe, level);

        var inside = lines.Values.Where(l => Europe.Contains(l.Lat, l.Lon)).ToList();
        Assert.Equal(inside.Count, clusters.Sum(c => c.Count));
        Assert.Equal(inside.Count(l => l.Moving), clusters.Sum(c => c.Moving));
        var byCell = inside.GroupBy(l => (WebMercator.Cell(WebMercator.X(l.Lon), level), WebMercator.Cell(WebMercator.Y(l.Lat), level))).ToDictionary(g => g.Key);
        Assert.Equal(byCell.Count, clusters.Count);
        foreach (var cluster in clusters)
        {
            var members = byCell[(cluster.X, cluster.Y)];
            Assert.Equal(members.Count(), cluster.Count);
            Assert.Equal(members.Average(m => m.Lat), cluster.Lat, 9);
            Assert.Equal(members.Average(m => m.Lon), cluster.Lon, 9);
        }

        Assert.Equal(clusters.OrderBy(c => c.Y).ThenBy(c => c.X), clusters);
    }

    [Fact]
    public void Clusters_CountedApartThenMerged_EqualCountedTogether()
    {
        var (all, lines) = RandomFleet(5_000, seed: 3);
        var (even, odd) = (new FleetGrid<Line>(), new FleetGrid<Line>());
        foreach (var line in lines.Values)
        {
            Put(line.Id.GetHashCode(StringComparison.Ordinal) % 2 == 0 ? even : odd, line);
        }

        var merged = FleetCluster.MergeAll(even.Clusters(Europe, 6).Concat(odd.Clusters(Europe, 6)));

        var together = all.Clusters(Europe, 6);
        Assert.Equal(together.Select(c => (c.X, c.Y, c.Count, c.Moving)), merged.Select(c => (c.X, c.Y, c.Count, c.Moving)));
        Assert.Equal(together.Select(c => Math.Round(c.Lat, 9)), merged.Select(c => Math.Round(c.Lat, 9)));
    }

    [Fact]
    public void ChangesSince_MovesInOutAndWithin_ChangedInsideAndLeftOnlyWhatWasInside()
    {
        var grid = new FleetGrid<Line>();
        Put(grid, new Line("STAYS", 51.9, 4.4, true));
        Put(grid, new Line("LEAVES", 51.9, 4.5, true));
        Put(grid, new Line("ARRIVES", 40, -3, true));
        Put(grid, new Line("ELSEWHERE", 40, -3, true));
        Put(grid, new Line("UNTOUCHED", 51.95, 4.45, true));
        var since = grid.Version;

        Put(grid, new Line("STAYS", 51.91, 4.41, false));
        Put(grid, new Line("LEAVES", 40, -3.1, true));
        Put(grid, new Line("ARRIVES", 51.88, 4.35, true));
        Put(grid, new Line("ELSEWHERE", 40.1, -3, true));
        Put(grid, new Line("NEW", 51.9, 4.31, true));

        var changes = grid.ChangesSince(since, Rotterdam)!;

        Assert.Equal(["STAYS", "ARRIVES", "NEW"], changes.Changed.Select(l => l.Id));
        Assert.False(changes.Changed[0].Moving);
        Assert.Equal(["LEAVES"], changes.Left);
        Assert.True(changes.Any);
        Assert.False(grid.ChangesSince(grid.Version, Rotterdam)!.Any);
    }

    [Fact]
    public void ChangesSince_SeveralChangesOfOneVehicle_JudgedFromWhereItWasAtTheVersion()
    {
        var grid = new FleetGrid<Line>();
        Put(grid, new Line("OUT-IN-OUT", 40, -3, true));
        Put(grid, new Line("IN-OUT-OUT", 51.9, 4.4, true));
        var since = grid.Version;
        Put(grid, new Line("OUT-IN-OUT", 51.9, 4.4, true));
        Put(grid, new Line("IN-OUT-OUT", 40, -3, true));
        Put(grid, new Line("OUT-IN-OUT", 40, -3.1, true));
        Put(grid, new Line("IN-OUT-OUT", 40, -3.1, true));

        var changes = grid.ChangesSince(since, Rotterdam)!;

        // The reader never saw OUT-IN-OUT inside, so it has nothing to take away.
        Assert.Empty(changes.Changed);
        Assert.Equal(["IN-OUT-OUT"], changes.Left);
    }

    [Fact]
    public void ChangesSince_AVersionNotOfThisGrid_Null()
    {
        var grid = new FleetGrid<Line>();
        Assert.NotNull(grid.ChangesSince(0, Rotterdam));
        Put(grid, new Line("A", 51.9, 4.4, true));

        Assert.Null(grid.ChangesSince(2, Rotterdam));
        Assert.Equal(["A"], grid.ChangesSince(0, Rotterdam)!.Changed.Select(l => l.Id));
    }

    [Fact]
    public void ChangesSince_BeyondTheLog_NullAndWithinItExact()
    {
        var grid = new FleetGrid<Line>();
        for (var i = 0; i < 10_000; i++)
        {
            Put(grid, new Line($"V{i}", 51.9, 4.4, true));
        }

        // The log grew with the fleet (twice its size), so it still reaches back to the start.
        Assert.Equal(10_000, grid.ChangesSince(0, Rotterdam)!.Changed.Count);

        for (var round = 1; round <= 4; round++)
        {
            for (var i = 0; i < 10_000; i++)
            {
                Put(grid, new Line($"V{i}", 51.9, 4.4 + round * 0.01, true));
            }
        }

        Assert.Null(grid.ChangesSince(0, Rotterdam));
        Assert.Null(grid.ChangesSince(grid.Version - 40_000, Rotterdam));
        var recent = grid.ChangesSince(grid.Version - 15_000, Rotterdam)!;
        Assert.Equal(10_000, recent.Changed.Count);
        Assert.Equal(4.44, recent.Changed[0].Lon, 9);
    }

    [Fact]
    public void ChangesSince_AReaderFollowingABusyFleet_HoldsExactlyWhatIsInside()
    {
        var random = new Random(7);
        var (grid, lines) = RandomFleet(3_000, seed: 4);
        var box = new MapBox(0, 45, 10, 52);
        var held = grid.Within(box).ToDictionary(l => l.Id);
        var version = grid.Version;

        for (var round = 0; round < 50; round++)
        {
            for (var i = 0; i < 400; i++)
            {
                var id = $"V{random.Next(3_500)}";
                var line = new Line(id, 44 + random.NextDouble() * 10, -1 + random.NextDouble() * 12, random.Next(3) > 0);
                lines[id] = line;
                Put(grid, line);
            }

            var changes = grid.ChangesSince(version, box)!;
            version = grid.Version;
            foreach (var line in changes.Changed)
            {
                held[line.Id] = line;
            }

            foreach (var id in changes.Left)
            {
                Assert.True(held.Remove(id), $"{id} left the box without having been inside it");
            }

            var expected = lines.Values.Where(l => box.Contains(l.Lat, l.Lon)).OrderBy(l => l.Id, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, held.Values.OrderBy(l => l.Id, StringComparer.Ordinal));
            Assert.Equal(expected, grid.Within(box).OrderBy(l => l.Id, StringComparer.Ordinal));
            Assert.Equal(lines.Count, grid.CountWithin(MapBox.World));
        }
    }

    [Fact]
    public void Matching_IdText_CaseIgnoredOrderedByIdAndLimited()
    {
        var grid = new FleetGrid<Line>();
        foreach (var id in new[] { "VAN-3", "van-1", "TRUCK-VAN", "VAN-2", "BUS-1" })
        {
            Put(grid, new Line(id, 50, 4, true));
        }

        Assert.Equal(["TRUCK-VAN", "VAN-2", "VAN-3"], grid.Matching("van", 3).Select(l => l.Id));
        Assert.Equal(["BUS-1", "TRUCK-VAN", "VAN-2", "VAN-3", "van-1"], grid.Matching("", 10).Select(l => l.Id));
        Assert.Empty(grid.Matching("CAR", 10));
    }

    private static void Put(FleetGrid<Line> grid, Line line) => grid.Put(line.Id, new GeoPoint(line.Lat, line.Lon), line.Moving, line);

    /// <summary>Vehicles spread over Europe and a little beyond it, some of them stopped.</summary>
    private static (FleetGrid<Line> Grid, Dictionary<string, Line> Lines) RandomFleet(int count, int seed)
    {
        var random = new Random(seed);
        var grid = new FleetGrid<Line>();
        var lines = new Dictionary<string, Line>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var line = new Line($"V{i}", 34 + random.NextDouble() * 28, -12 + random.NextDouble() * 44, random.Next(5) > 0);
            lines[line.Id] = line;
            Put(grid, line);
        }

        return (grid, lines);
    }
}
