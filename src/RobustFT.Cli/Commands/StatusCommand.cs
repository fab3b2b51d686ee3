using System.CommandLine;
using RobustFT.Cli.Configuration;
using RobustFT.Cluster.Hosting;
using RobustFT.Dashboard.Api;
using Spectre.Console;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft status</c>: runs in a store (embedded output directory or the cluster's PostgreSQL), their
/// samples per state, and the cluster's nodes. <c>--json</c> prints the dashboard API's documents (docs/api.md):
/// <c>GET /api/runs/{id}</c> for each run and <c>GET /api/nodes</c>.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Output directory of an embedded run (its robustft.db)" };
        var config = CommonOptions.Config();
        var runId = new Option<string?>("--run-id") { Description = "Only this run" };
        var set = CommonOptions.Set();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show runs, their progress and the cluster's nodes") { output, config, runId, set, json };
        command.SetAction((parse, ct) => Cli.Guard(async () =>
        {
            var cfg = new RobustFtConfig(ConfigLoader.Load(parse.GetValue(config), parse.GetValue(set)));
            var dir = parse.GetValue(output);
            if (dir is not null && !File.Exists(Path.Combine(dir, "robustft.db")) && cfg.Reader.Text("robustft.store.kind") == "sqlite")
                throw new UsageException($"--output: no run store (robustft.db) in '{dir}'");
            var factory = cfg.Store(dir);
            var db = new RunDatabase(factory);
            await db.EnsureSchemaAsync(ct);
            var queries = new DashboardQueries(db.Runs, db.Samples, null /* TODO(issue 9, hosting): the cluster view */, cfg.StaleAfter());

            var wanted = parse.GetValue(runId);
            var runs = new List<RunDetail>();
            foreach (var summary in (await queries.ListRunsAsync(ct)).Runs.Where(r => wanted is null || r.RunId == wanted))
                if (await queries.GetRunAsync(summary.RunId, ct) is { } detail) runs.Add(detail);
            if (wanted is not null && runs.Count == 0) throw new UsageException($"--run-id: no run '{wanted}' in {factory.Describe()}");
            var nodes = await queries.ListNodesAsync(ct);

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(DashboardJson.Serialize(new StatusDocument(runs, nodes.Nodes)));
                return Cli.Ok;
            }
            var table = new Table().AddColumns("run", "task", "phase", "samples", "finished", "paused", "threshold", "states");
            foreach (var r in runs)
                table.AddRow(r.Run.RunId, r.Run.Task, r.Run.Phase, r.Run.Samples.ToString(), r.Run.Finished.ToString(), r.Run.Paused ? "yes" : "",
                    r.Threshold?.ToString("F4") ?? "", Markup.Escape(string.Join(' ', r.States.Where(s => s.Count > 0).Select(s => $"{s.State}={s.Count}"))));
            AnsiConsole.Write(table);
            if (nodes.Nodes.Count > 0)
            {
                var nodeTable = new Table().AddColumns("node", "roles", "host", "provider", "tokens/s", "batch fill", "queue", "heartbeat");
                foreach (var n in nodes.Nodes)
                    nodeTable.AddRow(n.NodeId, string.Join(',', n.Roles), n.Host, n.ExecutionProvider, n.TokensPerSecond.ToString("F0"), n.BatchFill.ToString("F1"),
                        n.QueueDepth.ToString(), n.Stale ? $"[red]stale ({n.HeartbeatAgeSeconds:F0}s)[/]" : $"{n.HeartbeatAgeSeconds:F0}s ago");
                AnsiConsole.Write(nodeTable);
            }
            return Cli.Ok;
        }));
        return command;
    }
}
