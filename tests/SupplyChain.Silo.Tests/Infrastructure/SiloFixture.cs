namespace SupplyChain.Silo.Tests.Infrastructure;

/// <summary>
/// One silo shared by the tests of the assembly; tests use their own tracking numbers and vehicle ids.
/// A test class that needs other settings derives its own fixture and gives them in <see cref="Args"/>.
/// </summary>
public class SiloFixture : IAsyncLifetime
{
    private LoopbackSilo? _silo;

    public LoopbackSilo Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    /// <summary>Settings for the silo besides the test defaults.</summary>
    protected virtual string[] Args => [];

    public async ValueTask InitializeAsync() => _silo = await RunningSilo.StartAsync("Development", Args);

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
