using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using SupplyChain.Ingestion.Reading;

namespace SupplyChain.Ingestion.Tests.Reading;

/// <summary>The formatter's own JSON check decides as the SDK does, for every kind of content type.</summary>
public sealed class EventDataFormatterTests
{
    private static readonly EventDataFormatter Formatter = new();

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/vnd.acme.ping+json; charset=utf-8")]
    [InlineData("Application/JSON;charset=utf-8")]
    [InlineData("text/json")]
    [InlineData(null)]
    public void JsonContentTypes_KeepTheDataAsJson(string? contentType)
    {
        var data = Decode(contentType, """{"vehicleId":"TRK-1","lat":51.9}""").Data;

        var json = Assert.IsType<JsonElement>(data);
        Assert.Equal("TRK-1", json.GetProperty("vehicleId").GetString());
    }

    [Fact]
    public void AnotherContentType_TakesTheDataAsText()
    {
        Assert.Equal("hello", Decode("text/plain", "\"hello\"").Data);
    }

    [Fact]
    public void AnotherContentType_WithObjectData_IsRefusedAsTheSdkRefusesIt()
    {
        Assert.Throws<ArgumentException>(() => Decode("text/plain", """{"a":1}"""));
    }

    [Theory]
    [InlineData(" application/json")]
    [InlineData("application/json; charset")]
    public void AMalformedContentType_IsRefusedBeforeTheDataIsLookedAt(string contentType)
    {
        var error = Assert.Throws<ArgumentException>(() => Decode(contentType, """{"a":1}"""));
        Assert.Contains("datacontenttype", error.Message, StringComparison.Ordinal);
    }

    private static CloudEvent Decode(string? contentType, string data)
    {
        var type = contentType is null ? string.Empty : $"\"datacontenttype\":{JsonSerializer.Serialize(contentType)},";
        var body = $$"""{"specversion":"1.0","id":"1","source":"/test","type":"SupplyChain.GpsPing",{{type}}"data":{{data}}}""";
        return Formatter.DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(body), contentType: null, extensionAttributes: null);
    }
}
