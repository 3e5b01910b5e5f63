namespace SupplyChain.Silo.Tests.Infrastructure;

/// <summary>One silo shared by the tests of the assembly; tests use their own tracking numbers and vehicle ids.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private RunningSilo? _silo;

    public RunningSilo Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public async ValueTask InitializeAsync() => _silo = await RunningSilo.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
