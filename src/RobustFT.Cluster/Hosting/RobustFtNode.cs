using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Runs;

namespace RobustFT.Cluster.Hosting;

/// <summary>One running process of the actor runtime. PLACEHOLDER while issue 9 is built: the Akka.NET hosting replaces
/// this body (never lands like this).</summary>
public sealed class RobustFtNode : IAsyncDisposable
{
    public IServiceProvider Services => throw new NotImplementedException();
    public RuntimeOptions Options => throw new NotImplementedException();
    public NodeIdentity Identity => throw new NotImplementedException();
    public bool IsReady => throw new NotImplementedException();

    public static Task<RobustFtNode> StartAsync(RuntimeOptions options, Action<IServiceCollection> configure, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<RunRecord> RunAsync(RunSettings settings, IProgress<RunProgress>? progress, CancellationToken ct) =>
        throw new NotImplementedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
