using Microsoft.Extensions.Options;
using SupplyChain.Grains.Partitions;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.DeadLetters;

/// <summary>Binds and validates the dead-letter settings; the store itself is chosen by the cluster mode.</summary>
internal static class DeadLetterServiceExtensions
{
    public static IServiceCollection AddDeadLetters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeadLetterOptions>().Bind(configuration.GetSection(DeadLetterOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeadLetterOptions>, DeadLetterOptionsValidator>();
        return services;
    }

    /// <summary>Stops the silo at start on a bad dead-letter setting, naming the key.</summary>
    private sealed class DeadLetterOptionsValidator : IValidateOptions<DeadLetterOptions>
    {
        public ValidateOptionsResult Validate(string? name, DeadLetterOptions o) => OptionErrors.Result(
            ("SupplyChain:DeadLetters:MaxAttempts", o.MaxAttempts is >= 1 and <= 100, "must be in [1, 100]"));
    }
}
