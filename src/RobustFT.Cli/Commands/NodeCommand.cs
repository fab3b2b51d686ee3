using System.CommandLine;
using Microsoft.Extensions.Logging;
using RobustFT.Cli.Backends;
using RobustFT.Cli.Configuration;
using RobustFT.Cluster.Hosting;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft node</c>: one member of an Akka.NET cluster. Its roles decide what it hosts: coordinator nodes
/// host the coordinator singleton that drives submitted runs (it moves to another coordinator node when its node dies),
/// sample nodes host the sharded sample entities, GPU nodes serve inference, dashboard nodes serve the dashboard. Every
/// node serves /healthz and /readyz (ready = an Up member) and runs until SIGTERM or Ctrl-C, then leaves the cluster
/// (CoordinatedShutdown: its shards and the singleton hand over).</summary>
public static class NodeCommand
{
    public static Command Create(IBackendProvider backends)
    {
        var config = CommonOptions.Config();
        var roles = new Option<string?>("--roles") { Description = "Comma-separated roles: coordinator, sample, gpu, dashboard (default robustft.node.roles)" };
        var nodeId = new Option<string?>("--node-id") { Description = "Node id in logs (default robustft.node.id, else host-pid-random)" };
        var set = CommonOptions.Set();
        var command = new Command("node", "Start a cluster node (Akka.NET cluster + PostgreSQL per the configuration) and serve until stopped") { config, roles, nodeId, set };
        command.SetAction((parse, ct) => Cli.Guard(async () =>
        {
            var overrides = parse.GetValue(set) ?? [];
            if (parse.GetValue(nodeId) is { } id) overrides = [.. overrides, $"robustft.node.id={id}"];
            var cfg = new RobustFtConfig(ConfigLoader.Load(parse.GetValue(config), overrides));
            var nodeRoles = cfg.Roles(parse.GetValue(roles));
            var runtime = cfg.Runtime(nodeRoles, outputDirectory: null);

            await using var models = nodeRoles.HasFlag(NodeRoles.Gpu) ? backends.CreateNode(cfg) : null;
            Console.Error.WriteLine($"node {runtime.Identity!.NodeId}: roles {nodeRoles}, store {runtime.Store.Describe()}" +
                (models is null ? "" : $", model {models.ModelIds.Generator} on {string.Join(", ", models.Devices.Select(d => d.Device))}"));
            await using var node = await RobustFtNode.StartAsync(runtime, services => RunCommand.Register(services, models, LogLevel.Information), ct);
            Console.Error.WriteLine($"node {node.Identity.NodeId}: cluster address {node.Addresses.Self}, seed nodes {string.Join(", ", node.Addresses.SeedNodes)}");
            await using var server = await RunCommand.StartDashboardAsync(cfg, null, node, ct);
            Console.Error.WriteLine($"node {node.Identity.NodeId} started; ready once it is an Up member ({server.Address}readyz)");
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
