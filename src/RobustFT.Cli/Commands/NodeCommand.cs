using System.CommandLine;
using Microsoft.Extensions.Logging;
using RobustFT.Cli.Backends;
using RobustFT.Cli.Configuration;
using RobustFT.Cluster.Hosting;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft node</c>: one process of a cluster. Its roles decide what it hosts: the coordinator drives
/// submitted runs (taking over those of a dead coordinator), sample nodes host the per-sample sagas, GPU nodes serve
/// inference batches, dashboard nodes serve the dashboard. Every node serves /healthz and /readyz and runs until
/// SIGTERM or Ctrl-C.</summary>
public static class NodeCommand
{
    public static Command Create(IBackendProvider backends)
    {
        var config = CommonOptions.Config();
        var roles = new Option<string?>("--roles") { Description = "Comma-separated roles: coordinator, sample, gpu, dashboard (default robustft.node.roles)" };
        var nodeId = new Option<string?>("--node-id") { Description = "Node id in the nodes table and run leases (default robustft.node.id, else host-pid-random)" };
        var set = CommonOptions.Set();
        var command = new Command("node", "Start a cluster node (RabbitMQ + PostgreSQL per the configuration) and serve until stopped") { config, roles, nodeId, set };
        command.SetAction((parse, ct) => Cli.Guard(async () =>
        {
            var overrides = parse.GetValue(set) ?? [];
            if (parse.GetValue(nodeId) is { } id) overrides = [.. overrides, $"robustft.node.id={id}"];
            var cfg = new RobustFtConfig(ConfigLoader.Load(parse.GetValue(config), overrides));
            var nodeRoles = cfg.Roles(parse.GetValue(roles));
            var runtime = cfg.Runtime(nodeRoles, outputDirectory: null);

            await using var models = nodeRoles.HasFlag(NodeRoles.Gpu) ? backends.Create(cfg) : null;
            Console.Error.WriteLine($"node {runtime.Identity!.NodeId}: roles {nodeRoles}, cluster {runtime.Cluster.Hostname}:{runtime.Cluster.Port}, store {runtime.Store.Describe()}" +
                (models is null ? "" : $", model {models.Generator.ModelId} on {runtime.Identity.ExecutionProvider}"));
            await using var node = await RobustFtNode.StartAsync(runtime, services => RunCommand.Register(services, models, LogLevel.Information), ct);
            await using var server = await RunCommand.StartDashboardAsync(cfg, null, node, ct);
            Console.Error.WriteLine($"node {node.Identity.NodeId} ready");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"node {node.Identity.NodeId} stopping");
            }
            return Cli.Ok;
        }));
        return command;
    }
}
