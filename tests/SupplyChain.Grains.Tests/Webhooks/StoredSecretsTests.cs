using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>The two secret slots of a subscription: rotation, its overlap, and a rotation during an overlap.</summary>
public sealed class StoredSecretsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_OnlyTheCurrentSigns()
    {
        var secrets = new StoredSecrets { Current = [1] };

        Assert.False(secrets.PreviousInForce(T0));
        Assert.False(secrets.DropExpired(T0));
        Assert.Equal([1], secrets.Current);
    }

    [Fact]
    public void Rotate_PreviousSignsUntilItsExpiry_ThenIsDropped()
    {
        var secrets = new StoredSecrets { Current = [1] };

        secrets.Rotate([2], T0.AddHours(24));

        Assert.Equal([2], secrets.Current);
        Assert.Equal([1], secrets.Previous);
        Assert.True(secrets.PreviousInForce(T0));
        Assert.True(secrets.PreviousInForce(T0.AddHours(24).AddTicks(-1)));
        Assert.False(secrets.DropExpired(T0.AddHours(23)));
        Assert.False(secrets.PreviousInForce(T0.AddHours(24)));
        Assert.True(secrets.DropExpired(T0.AddHours(24)));
        Assert.Null(secrets.Previous);
        Assert.Null(secrets.PreviousExpiresAt);
    }

    [Fact]
    public void RotateDuringOverlap_ReplacesTheOldest_AtMostTwo()
    {
        var secrets = new StoredSecrets { Current = [1] };
        secrets.Rotate([2], T0.AddHours(24));

        secrets.Rotate([3], T0.AddHours(25));

        Assert.Equal([3], secrets.Current);
        Assert.Equal([2], secrets.Previous);
        Assert.Equal(T0.AddHours(25), secrets.PreviousExpiresAt);
    }

    [Fact]
    public void RotateWithNoOverlap_PreviousNeverSigns()
    {
        var secrets = new StoredSecrets { Current = [1] };

        secrets.Rotate([2], T0);

        Assert.False(secrets.PreviousInForce(T0));
    }
}
