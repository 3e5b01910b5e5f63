using System.Globalization;
using SupplyChain.Pods;

// Pods on loopback: k8s/overlays/local's Azurite and silo Deployment as local processes.
//   dotnet run --project tools/SupplyChain.Pods -- [--network 127.0.0] [--replicas N] [--silo path/SupplyChain.Silo.dll] [--quiet]
// Then, on stdin: status | term N | start N | restart N | rollout | stop. Ctrl+C or SIGTERM stops everything it started.
var options = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
var quiet = args.Contains("--quiet");
var root = RepositoryRoot.Find();
var silo = options.GetValueOrDefault("--silo") ?? RepositoryRoot.BuiltSilo(root);
var network = options.GetValueOrDefault("--network") ?? "127.0.0";
int? replicas = options.TryGetValue("--replicas", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : null;

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stopping.Cancel();
});

Console.WriteLine($"Rendering {LocalOverlay.Path}, starting Azurite on {network}.{LoopbackCluster.ServiceHost} and the silo pods from {network}.{LoopbackCluster.FirstPodHost} ...");
await using var cluster = await LoopbackCluster.StartAsync(root, silo, network, replicas, quiet ? null : Console.WriteLine);
var console = new PodConsole(cluster);
console.PrintStatus();
Console.WriteLine("Commands: status | term N | start N | restart N | rollout | stop");
await console.RunAsync(Console.In, stopping.Token);
Console.WriteLine("Stopping the pods (SIGTERM), then Azurite ...");
