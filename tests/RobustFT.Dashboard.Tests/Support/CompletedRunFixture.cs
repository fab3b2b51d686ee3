namespace RobustFT.Dashboard.Tests.Support;

/// <summary>One embedded run driven to its end, shared by the read-only tests.</summary>
public sealed class CompletedRunFixture : IAsyncLifetime
{
    private EmbeddedRun? _run;

    public EmbeddedRun Run => _run ?? throw new InvalidOperationException("fixture not initialised");

    public async Task InitializeAsync()
    {
        _run = await EmbeddedRun.StartAsync(rows: 120, delay: TimeSpan.Zero);
        await _run.WaitForEndAsync();
    }

    public async Task DisposeAsync()
    {
        if (_run is not null) await _run.DisposeAsync();
    }
}
