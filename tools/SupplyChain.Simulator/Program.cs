using System.CommandLine;
using SupplyChain.Simulator.Demo;
using SupplyChain.Simulator.Load;
using SupplyChain.Simulator.Map;

var url = new Option<Uri>("--url")
{
    Description = "The silo's base address",
    DefaultValueFactory = _ => new Uri("http://localhost:8080/"),
    CustomParser = result => new Uri(result.Tokens[0].Value, UriKind.Absolute),
};
var carrierKey = new Option<string>("--key") { Description = "Carrier API key", DefaultValueFactory = _ => "dev-carrier" };
var adminKey = new Option<string>("--admin-key") { Description = "Admin API key (fleet list, to see when pings are applied)", DefaultValueFactory = _ => "dev-admin" };
var vehicles = new Option<int>("--vehicles") { Description = "Vehicles in the fleet", DefaultValueFactory = _ => 1000 };
var shipments = new Option<int>("--shipments") { Description = "Shipments loaded on the vehicles", DefaultValueFactory = _ => 100 };

var events = new Option<int>("--events") { Description = "Pings to send in all", DefaultValueFactory = _ => 1_000_000 };
var batch = new Option<int>("--batch") { Description = "Pings per request (batched CloudEvents)", DefaultValueFactory = _ => 500 };
var connections = new Option<int>("--connections") { Description = "Concurrent keep-alive connections", DefaultValueFactory = _ => 16 };
var rate = new Option<double?>("--rate") { Description = "Pings per second to hold; as fast as possible when absent" };
var probes = new Option<int>("--probes") { Description = "Shipments whose live feed measures end-to-end latency", DefaultValueFactory = _ => 20 };
var seed = new Option<int>("--seed") { Description = "Fleet seed", DefaultValueFactory = _ => 42 };
var label = new Option<string>("--label") { Description = "Name of the run in the result line", DefaultValueFactory = _ => "platform" };
var warmUp = new Option<int>("--warm-up")
{
    Description = "Rounds of pings (one per vehicle each) sent first and left out of every figure, so they describe an active fleet",
    DefaultValueFactory = _ => 0,
};
var warmUpRate = new Option<double?>("--warm-up-rate") { Description = "Pings per second to hold during the warm-up; --rate's when absent" };
var structured = new Option<bool>("--structured")
{
    Description = "Post each ping in a request of its own, in structured mode (application/cloudevents+json), as devices do; implies --batch 1",
};
var acceptOnly = new Option<bool>("--accept-only") { Description = "Measure acceptance only: no shipments, no live probes, no wait for the pings to be applied (for the ceiling)" };
var load = new Command("load", "Post pings as fast as the platform takes them (or at --rate), then report throughput and latency")
{
    url, carrierKey, adminKey, vehicles, shipments, events, batch, connections, rate, probes, seed, label, acceptOnly, warmUp, warmUpRate, structured,
};
load.SetAction((parse, cancellationToken) => new LoadRunner(
    new LoadSettings(
        parse.GetValue(url)!, parse.GetValue(carrierKey)!, parse.GetValue(adminKey)!, parse.GetValue(vehicles), parse.GetValue(shipments),
        parse.GetValue(events), parse.GetValue(structured) ? 1 : parse.GetValue(batch), parse.GetValue(connections), parse.GetValue(rate),
        parse.GetValue(probes), parse.GetValue(seed), parse.GetValue(label)!, !parse.GetValue(acceptOnly), parse.GetValue(warmUp), parse.GetValue(structured),
        parse.GetValue(warmUpRate) ?? parse.GetValue(rate)),
    Console.Out).RunAsync(cancellationToken));

var interval = new Option<double>("--interval") { Description = "Seconds between two pings of a vehicle", DefaultValueFactory = _ => 2 };
var speedup = new Option<double>("--speedup") { Description = "How much faster than life the trips play", DefaultValueFactory = _ => 30 };
var demo = new Command("demo", "Drive a small fleet in real time against a running silo, for the map")
{
    url, carrierKey, adminKey, vehicles, shipments, interval, speedup,
};
demo.SetAction((parse, cancellationToken) => new DemoRunner(
    parse.GetValue(url)!, parse.GetValue(carrierKey)!, parse.GetValue(adminKey)!, parse.GetValue(vehicles), parse.GetValue(shipments),
    TimeSpan.FromSeconds(parse.GetValue(interval)), parse.GetValue(speedup), Console.Out).RunAsync(cancellationToken));

var moveRate = new Option<double>("--rate") { Description = "Pings per second that keep the fleet moving while the map is read", DefaultValueFactory = _ => 10_000 };
var refreshes = new Option<int>("--refreshes") { Description = "Refreshes of what changed per view", DefaultValueFactory = _ => 10 };
var refreshInterval = new Option<double>("--interval") { Description = "Seconds between two refreshes (the page's poll)", DefaultValueFactory = _ => 3 };
var mapProbe = new Command("map", "Put a fleet on the ops map and measure each view's bytes and time, whole and following changes")
{
    url, carrierKey, adminKey, vehicles, moveRate, refreshes, refreshInterval, seed,
};
mapProbe.SetAction((parse, cancellationToken) => new MapProbeRunner(
    parse.GetValue(url)!, parse.GetValue(carrierKey)!, parse.GetValue(adminKey)!, parse.GetValue(vehicles), parse.GetValue(moveRate),
    parse.GetValue(refreshes), TimeSpan.FromSeconds(parse.GetValue(refreshInterval)), parse.GetValue(seed), Console.Out).RunAsync(cancellationToken));

var root = new RootCommand("SupplyChain fleet simulator and load generator") { load, demo, mapProbe };
return await root.Parse(args).InvokeAsync();
