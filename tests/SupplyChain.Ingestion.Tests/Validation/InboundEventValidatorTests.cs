using System.Text.Json;
using Microsoft.Extensions.Options;
using SupplyChain.Ingestion.Reading;
using SupplyChain.Ingestion.Validation;

namespace SupplyChain.Ingestion.Tests.Validation;

public sealed class InboundEventValidatorTests
{
    private static readonly InboundEventValidator Validator = new(Options.Create(new IngestionOptions()), TimeProvider.System);

    [Fact]
    public void Validate_AttributesMissing_NamesEachOneInOrder()
    {
        var received = new ReceivedEvent { Id = "1", Source = "/test" };

        Assert.Null(Validator.Validate(received, null, out var error));

        Assert.Equal("Missing required attribute(s): type, time.", error);
    }

    [Fact]
    public void Validate_NoAttributeMissing_GoesOnToTheData()
    {
        var received = new ReceivedEvent
        {
            Id = "1", Source = "/test", Type = "SupplyChain.GpsPing", Time = DateTimeOffset.UtcNow, DataKind = JsonValueKind.String,
        };

        Assert.Null(Validator.Validate(received, null, out var error));

        Assert.Equal("data must be a JSON object.", error);
    }
}
