using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>Base of the worker actor tests: a TestKit on a one-node cluster (<see cref="ClusterTestKit"/>) with a real
/// SQLite store per test and one run in it.</summary>
public abstract class WorkerActorTestKit : TestKit, IAsyncLifetime
{
    protected WorkerActorTestKit(ITestOutputHelper output) : base(ClusterTestKit.Config, output: output) => ClusterTestKit.JoinSelf(Sys);

    protected WorkerTestStore Store { get; private set; } = null!;

    /// <summary>The id of the test's run (runnable: not paused, not cancelled).</summary>
    protected string Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await WorkerTestStore.CreateAsync();
        Run = await Store.CreateRunAsync();
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();
}
