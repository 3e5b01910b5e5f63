using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Fleet;

/// <summary>A silo whose map lists at most <see cref="MaxMarkers"/> vehicles one by one, so a few hundred vehicles make clusters.</summary>
public sealed class FleetMapFixture : SiloFixture
{
    public const int MaxMarkers = 100;

    protected override string[] Args => [$"--SupplyChain:Map:MaxMarkers={MaxMarkers}"];
}
