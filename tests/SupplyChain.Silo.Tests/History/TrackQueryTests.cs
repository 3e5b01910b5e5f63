using SupplyChain.Silo.History;

namespace SupplyChain.Silo.Tests.History;

public sealed class TrackQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nothing_IsTheLast24HoursAsGeoJson()
    {
        var (query, problem) = TrackQuery.Parse(null, null, null, Now);
        Assert.Null(problem);
        Assert.Equal(new TrackQuery(Now.AddHours(-24), Now, TrackFormat.GeoJson), query);
    }

    [Fact]
    public void FromAndToWithOffsets_AndAFormatInAnyCase_AreRead()
    {
        var (query, _) = TrackQuery.Parse("2026-12-01T00:00:00+01:00", "2026-12-02T00:00:00Z", "GPX", Now);
        Assert.Equal(new TrackQuery(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), TrackFormat.Gpx), query);
    }

    [Theory]
    [InlineData("2026-12-01T00:00:00", null, null)]
    [InlineData("2026-12-01", null, null)]
    [InlineData("2026-12-03T00:00:00Z", "2026-12-02T00:00:00Z", null)]
    [InlineData("2026-12-02T00:00:00Z", "2026-12-02T00:00:00Z", null)]
    [InlineData("2026-11-01T00:00:00Z", "2026-11-08T00:00:01Z", null)]
    [InlineData(null, "0001-01-01T12:00:00Z", null)]
    [InlineData(null, null, "kml")]
    public void BadValues_AreAProblem(string? from, string? to, string? format)
    {
        var (query, problem) = TrackQuery.Parse(from, to, format, Now);
        Assert.Null(query);
        Assert.Equal(400, problem!.StatusCode);
    }

    [Fact]
    public void ExactlySevenDays_IsAllowed() =>
        Assert.NotNull(TrackQuery.Parse("2026-11-01T00:00:00Z", "2026-11-08T00:00:00Z", "csv", Now).Query);
}
