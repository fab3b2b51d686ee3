using Microsoft.Extensions.Hosting;

namespace RobustFT.Cluster.Hosting;

/// <summary>The node's host lifetime: the CLI owns Ctrl-C and SIGTERM (its cancellation token disposes the node, which
/// runs CoordinatedShutdown), so the host itself listens to no signal.</summary>
internal sealed class NodeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
