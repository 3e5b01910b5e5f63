using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupplyChain.Contracts.Streams;
using SupplyChain.Durable.Tests.Infrastructure;

namespace SupplyChain.Durable.Tests.Streams;

/// <summary>
/// Stream messages are compressed where each one is billed (the durable providers) and not where the
/// CPU would buy nothing (memory streams), unless the operator says otherwise (during an upgrade from a
/// release that reads only uncompressed messages).
/// </summary>
public sealed class MessageCompressionTests
{
    [Theory]
    [InlineData("Durable", null, true)]
    [InlineData("Durable", "false", false)]
    [InlineData("Embedded", null, false)]
    [InlineData("Embedded", "true", true)]
    public async Task CompressMessages_DefaultsByProvider_AndTheSettingWins(string mode, string? setting, bool expected)
    {
        string[] extra = [$"--SupplyChain:Cluster:Mode={mode}", .. setting is null ? Array.Empty<string>() : [$"--SupplyChain:Streams:CompressMessages={setting}"]];
        await using var silo = InProcessSilo.Build("UseDevelopmentStorage=true", "compression", extra);

        Assert.Equal(expected, silo.Services.GetRequiredService<IOptions<StreamOptions>>().Value.CompressMessages);
    }
}
