using Microsoft.Extensions.Options;

namespace SupplyChain.Grains.Webhooks;

/// <summary>Stops the silo at start on bad webhook settings, naming the key.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
