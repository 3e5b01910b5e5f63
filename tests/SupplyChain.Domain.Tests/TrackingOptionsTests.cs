using Xunit;

namespace SupplyChain.Domain.Tests;

public sealed class TrackingOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoErrors() => Assert.Empty(new TrackingOptions().Validate());

    [Fact]
    public void Defaults_MatchContract()
    {
        var options = new TrackingOptions();

        Assert.Equal(200, options.NoMovementRadiusM);
        Assert.Equal(TimeSpan.FromMinutes(10), options.NoMovementWindow);
        Assert.Equal(50, options.GeofenceHysteresisM);
        Assert.Equal(TimeSpan.FromMinutes(5), options.EtaChangeThreshold);
        Assert.Equal(TimeSpan.FromMinutes(30), options.ArrivingSoonWindow);
        Assert.Equal(60, options.CruisingSpeedKmh);
        Assert.Equal(1.3, options.DetourFactor);
        Assert.Equal(250, options.MaxPlausibleSpeedKmh);
        Assert.Equal(100, options.MaxAccuracyM);
        Assert.Equal(TimeSpan.FromHours(24), options.ShipmentIdleThreshold);
        Assert.Equal(10_000, options.MaxGeofenceVertices);
    }

    [Fact]
    public void Validate_BadValues_EachErrorNamesItsKey()
    {
        var options = new TrackingOptions
        {
            NoMovementRadiusM = 0,
            NoMovementWindow = TimeSpan.Zero,
            GeofenceHysteresisM = -1,
            DetourFactor = 0.5,
            MaxGeofenceVertices = 2,
            CruisingSpeedKmh = double.NaN,
        };

        var errors = options.Validate();

        Assert.Contains("SupplyChain:Tracking:NoMovementRadiusM must be > 0", errors);
        Assert.Contains("SupplyChain:Tracking:NoMovementWindow must be > 00:00:00", errors);
        Assert.Contains("SupplyChain:Tracking:GeofenceHysteresisM must be >= 0", errors);
        Assert.Contains("SupplyChain:Tracking:DetourFactor must be >= 1", errors);
        Assert.Contains("SupplyChain:Tracking:MaxGeofenceVertices must be >= 4", errors);
        Assert.Contains("SupplyChain:Tracking:CruisingSpeedKmh must be > 0", errors);
        Assert.All(errors, e => Assert.StartsWith("SupplyChain:Tracking:", e, StringComparison.Ordinal));
    }
}
