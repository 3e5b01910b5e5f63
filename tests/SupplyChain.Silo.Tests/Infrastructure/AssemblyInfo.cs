using SupplyChain.Silo.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(SiloFixture))]
