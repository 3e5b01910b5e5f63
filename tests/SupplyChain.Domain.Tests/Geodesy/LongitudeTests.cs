using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Geofences;

namespace SupplyChain.Domain.Tests.Geodesy;

public sealed class LongitudeTests
{
    [Theory]
    [InlineData(0.01365941484163488, 0.013659414841640682)]
    [InlineData(4.47917, 4.5)]
    [InlineData(-179.9, -179.5)]
    public void UnwrapNear_WithinHalfATurn_ReturnsTheSameBits(double lon, double reference) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(lon), BitConverter.DoubleToInt64Bits(Longitude.UnwrapNear(lon, reference)));

    [Theory]
    [InlineData(-179.5, 179.5, 180.5)]
    [InlineData(179.5, -179.5, -180.5)]
    [InlineData(10, 550, 370)]
    public void UnwrapNear_AcrossTheAntimeridian_ShiftsByWholeTurns(double lon, double reference, double expected) =>
        Assert.Equal(expected, Longitude.UnwrapNear(lon, reference), 9);

    [Fact]
    public void Read_SmallSquareNearGreenwich_IsValid()
    {
        // Unwrapping once moved these longitudes by a rounding error and left the ring unclosed.
        const string square = """
            {"type":"Feature","properties":{"kind":"Zone"},"geometry":{"type":"Polygon","coordinates":[[[0.01365941484163488,53.49018662166325],
            [0.02365941484163488,53.49018662166325],[0.02365941484163488,53.50018662166325],[0.01365941484163488,53.50018662166325],
            [0.01365941484163488,53.49018662166325]]]}}
            """;

        var result = GeofenceReader.Read(square, "greenwich");

        Assert.True(result.Succeeded, result.Error?.Reason);
    }
}
