using CloudNative.CloudEvents;
using Microsoft.Extensions.Options;
using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Ingestion.Tests.Validation;

public sealed class InboundEventValidatorTests
{
    private static readonly InboundEventValidator Validator = new(Options.Create(new IngestionOptions()), TimeProvider.System);

    [Fact]
    public void Validate_AttributesMissing_NamesEachOneInOrder()
    {
        var cloudEvent = new CloudEvent { Id = "1", Source = new Uri("/test", UriKind.Relative) };

        Assert.Null(Validator.Validate(cloudEvent, null, out var error));

        Assert.Equal("Missing required attribute(s): type, time.", error);
    }

    [Fact]
    public void Validate_NoAttributeMissing_GoesOnToTheData()
    {
        var cloudEvent = new CloudEvent
        {
            Id = "1", Source = new Uri("/test", UriKind.Relative), Type = "SupplyChain.GpsPing", Time = DateTimeOffset.UtcNow, Data = "text",
        };

        Assert.Null(Validator.Validate(cloudEvent, null, out var error));

        Assert.Equal("data must be a JSON object.", error);
    }
}
