using SupplyChain.WebhookReceiver;

// Receive mode (default): dotnet run --project tools/SupplyChain.WebhookReceiver -- --secret whsec_... [--urls http://127.0.0.1:5099] [--quiet true]
// Bench mode: dotnet run -c Release --project tools/SupplyChain.WebhookReceiver -- bench [--silo http://127.0.0.1:8080] [--events 9000] [--probes 200]
if (args.Length > 0 && args[0] == "bench")
{
    return await Bench.RunAsync(args[1..], Console.Out);
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5099");
}

var secret = builder.Configuration["secret"];
var quiet = builder.Configuration.GetValue("quiet", false);
var tolerance = TimeSpan.FromSeconds(builder.Configuration.GetValue("tolerance", 300));
var receiver = new Receiver(Console.WriteLine, quiet) { Secret = string.IsNullOrEmpty(secret) ? null : secret, Tolerance = tolerance };
var app = builder.Build();
receiver.Map(app);
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(
    $"Receiving webhooks on {string.Join(", ", app.Urls)}{(secret is null ? " WITHOUT verifying (pass --secret whsec_...)" : ", verifying signatures")}"));
await app.RunAsync();
return 0;
