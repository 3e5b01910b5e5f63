using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Hosting;

/// <summary>Stops the silo at start on a bad pulling, queue or Event Hubs setting, naming the key.</summary>
internal sealed class StreamProviderSettingsValidator : IValidateOptions<StreamProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamProviderOptions o) => OptionErrors.Result(
        ("SupplyChain:Streams:PollPeriod", o.PollPeriod >= StreamProviderOptions.MinimumPollPeriod && o.PollPeriod <= TimeSpan.FromSeconds(10), "must be in [100 ms, 10 s]"),
        ("SupplyChain:Streams:VisibilityTimeout", o.VisibilityTimeout >= TimeSpan.FromSeconds(1) && o.VisibilityTimeout <= TimeSpan.FromDays(7), "must be in [1 s, 7 days]"),
        ("SupplyChain:Streams:DeliveryRetryDelay", o.DeliveryRetryDelay > TimeSpan.Zero && o.DeliveryRetryDelay <= TimeSpan.FromSeconds(30), "must be in (0, 30 s]"),
        ("SupplyChain:Streams:EventHubs:CheckpointInterval", o.EventHubs.CheckpointInterval > TimeSpan.Zero, "must be positive"));
}
