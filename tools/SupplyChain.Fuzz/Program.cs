using System.CommandLine;
using SupplyChain.Fuzz;
using SupplyChain.Fuzz.Cases;
using SupplyChain.Fuzz.Running;

var url = new Option<Uri>("--url")
{
    Description = "The silo's base address",
    DefaultValueFactory = _ => new Uri("http://localhost:8080/"),
    CustomParser = result => new Uri(result.Tokens[0].Value, UriKind.Absolute),
};
var count = new Option<long>("--count") { Description = "Cases to send", DefaultValueFactory = _ => 10_000 };
var seed = new Option<int?>("--seed") { Description = "Seed of the cases; a random one (printed) when absent" };
var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once", DefaultValueFactory = _ => 8 };
var carrierKey = new Option<string>("--key") { Description = "Carrier API key (any source)", DefaultValueFactory = _ => FuzzKeys.Development.Carrier };
var adminKey = new Option<string>("--admin-key") { Description = "Admin API key", DefaultValueFactory = _ => FuzzKeys.Development.Admin };
var replay = new Option<long?>("--case") { Description = "Send only this case of the seed, and show it and its answer in full" };
var shown = new Option<int>("--show") { Description = "Kinds of failure shown with a full case", DefaultValueFactory = _ => 20 };

var root = new RootCommand("SupplyChain fuzzer: randomized malformed requests over every route and content mode, against a running silo. "
    + "Fails (exit code 1) on any answer of 500 or more, any request over 10 s, an accepted valid event not applied, or a silo not ready afterwards.")
{
    url, count, seed, concurrency, carrierKey, adminKey, replay, shown,
};
root.SetAction((parse, cancellationToken) =>
{
    var settings = new FuzzSettings(
        parse.GetValue(url)!,
        parse.GetValue(seed) ?? Random.Shared.Next(),
        parse.GetValue(replay) ?? 0,
        parse.GetValue(replay) is null ? parse.GetValue(count) : 1,
        Math.Max(1, parse.GetValue(concurrency)),
        new FuzzKeys(parse.GetValue(carrierKey)!, parse.GetValue(adminKey)!)) { FailuresShown = parse.GetValue(shown) };
    return parse.GetValue(replay) is null
        ? FuzzCommand.RunAsync(settings, Console.Out, cancellationToken)
        : FuzzCommand.ReplayAsync(settings, Console.Out, cancellationToken);
});
return await root.Parse(args).InvokeAsync();
