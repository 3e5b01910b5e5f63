using Microsoft.Extensions.Options;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// Stops the silo at start on a bad pulling, queue or Event Hubs setting, naming the key. The poll
/// period's lower bound depends on the provider in effect, which the cluster mode decides.
/// </summary>
internal sealed class StreamProviderSettingsValidator(IConfiguration configuration) : IValidateOptions<StreamProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamProviderOptions o)
    {
        var mode = configuration.GetSection(SiloClusterOptions.SectionName).Get<SiloClusterOptions>()?.Mode ?? ClusterMode.Embedded;
        var provider = o.ProviderFor(mode);
        var minimum = StreamProviderOptions.MinimumPollPeriodFor(provider);
        var period = o.PollPeriodFor(provider);
        return OptionErrors.Result(
            ("SupplyChain:Streams:PollPeriod", period >= minimum && period <= StreamProviderOptions.MaximumPollPeriod,
                $"must be in [{minimum.TotalMilliseconds} ms, {StreamProviderOptions.MaximumPollPeriod.TotalSeconds} s] with the {provider} provider"),
            ("SupplyChain:Streams:VisibilityTimeout", o.VisibilityTimeout >= TimeSpan.FromSeconds(1) && o.VisibilityTimeout <= TimeSpan.FromDays(7), "must be in [1 s, 7 days]"),
            ("SupplyChain:Streams:DeliveryRetryDelay", o.DeliveryRetryDelay > TimeSpan.Zero && o.DeliveryRetryDelay <= StreamProviderOptions.LongestDeliveryRetryDelay, "must be in (0, 30 s]"),
            ("SupplyChain:Streams:MaxDeliveryRetryDelay", o.MaxDeliveryRetryDelay >= o.DeliveryRetryDelay && o.MaxDeliveryRetryDelay <= StreamProviderOptions.LongestDeliveryRetryDelay,
                "must be in [SupplyChain:Streams:DeliveryRetryDelay, 30 s]"),
            ("SupplyChain:Streams:EventHubs:CheckpointInterval", o.EventHubs.CheckpointInterval > TimeSpan.Zero, "must be positive"));
    }
}
