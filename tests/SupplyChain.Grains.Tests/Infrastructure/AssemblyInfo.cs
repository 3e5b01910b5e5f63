using SupplyChain.Grains.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(ClusterFixture))]
