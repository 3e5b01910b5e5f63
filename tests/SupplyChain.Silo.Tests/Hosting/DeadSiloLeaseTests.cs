using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Silo.Tests.Hosting;

/// <summary>
/// How long a dead silo's grains are held back before they may activate elsewhere: not at all by
/// default (Orleans' lease would stall every partition holding one of them for 14 s after a crash),
/// and for the configured time after the death is declared when an operator asks for one.
/// </summary>
public sealed class DeadSiloLeaseTests
{
    private static readonly string[] Durable =
    [
        "--environment=Development",
        "--SupplyChain:Cluster:Mode=Durable",
        "--ConnectionStrings:AzureStorage=UseDevelopmentStorage=true",
    ];

    [Fact]
    public async Task Unset_NoLease()
    {
        await using var app = SiloApplication.Build(Durable);

        Assert.Equal(TimeSpan.Zero, app.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.RangeLeaseDuration);
    }

    [Fact]
    public async Task Set_LeaseCountedFromTheDeclaration_OrleansCountsFromTheEstimatedFailure()
    {
        await using var app = SiloApplication.Build([.. Durable, "--SupplyChain:Cluster:Membership:DeadSiloLease=00:00:05", "--SupplyChain:Cluster:Membership:ProbeTimeout=00:00:03"]);

        // Orleans' window: the longest probe timeout (4 x 3 s) times the missed probes (2).
        Assert.Equal(TimeSpan.FromSeconds(5 + 24), app.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.RangeLeaseDuration);
    }

    [Fact]
    public void Negative_RefusedNamingTheSetting()
    {
        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var app = SiloApplication.Build([.. Durable, "--SupplyChain:Cluster:Membership:DeadSiloLease=-00:00:01"]);
            _ = app.Services.GetRequiredService<IOptions<SiloClusterOptions>>().Value;
        });

        Assert.Contains("SupplyChain:Cluster:Membership:DeadSiloLease", error.Message, StringComparison.Ordinal);
    }
}
