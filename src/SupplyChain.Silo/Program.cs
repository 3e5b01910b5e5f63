using SupplyChain.Silo.Hosting;

SiloApplication.Build(args).Run();
