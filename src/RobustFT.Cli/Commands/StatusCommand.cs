using System.CommandLine;
using RobustFT.Cli.Configuration;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Dashboard.Api;
using Spectre.Console;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft status</c>: runs in a store (embedded output directory or the cluster's PostgreSQL), their
/// samples per state, and the cluster's members and GPU workers. Not being a member, it asks the seed nodes through a
/// ClusterClient (<see cref="ClusterStatusClient"/>); an embedded run's store has no cluster to ask. <c>--json</c>
/// prints the dashboard API's documents (docs/api.md): <c>GET /api/runs/{id}</c> for each run and <c>GET /api/nodes</c>.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Output directory of an embedded run (its robustft.db)" };
        var config = CommonOptions.Config();
        var runId = new Option<string?>("--run-id") { Description = "Only this run" };
        var set = CommonOptions.Set();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show runs, their progress and the cluster's members and GPU workers") { output, config, runId, set, json };
        command.SetAction((parse, ct) => Cli.Guard(async () =>
        {
            var cfg = new RobustFtConfig(ConfigLoader.Load(parse.GetValue(config), parse.GetValue(set)));
            var dir = parse.GetValue(output);
            if (dir is not null && !File.Exists(Path.Combine(dir, "robustft.db")) && cfg.Reader.Text("robustft.store.kind") == "sqlite")
                throw new UsageException($"--output: no run store (robustft.db) in '{dir}'");
            var factory = cfg.Store(dir);
            var db = new RunDatabase(factory);
            await db.EnsureSchemaAsync(ct);

            var (view, note) = await ClusterViewAsync(cfg, embedded: dir is not null, ct);
            var queries = new DashboardQueries(db.Runs, db.Samples, view, cfg.StaleAfter());

            var wanted = parse.GetValue(runId);
            var runs = new List<RunDetail>();
            foreach (var summary in (await queries.ListRunsAsync(ct)).Runs.Where(r => wanted is null || r.RunId == wanted))
                if (await queries.GetRunAsync(summary.RunId, ct) is { } detail) runs.Add(detail);
            if (wanted is not null && runs.Count == 0) throw new UsageException($"--run-id: no run '{wanted}' in {factory.Describe()}");
            var nodes = await queries.ListNodesAsync(ct);
            if (note is not null) Console.Error.WriteLine(note);

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(DashboardJson.Serialize(new StatusDocument(runs, nodes.Nodes, nodes.Workers)));
                return Cli.Ok;
            }
            var table = new Table().AddColumns("run", "task", "phase", "samples", "finished", "paused", "threshold", "states");
            foreach (var r in runs)
                table.AddRow(r.Run.RunId, r.Run.Task, r.Run.Phase, r.Run.Samples.ToString(), r.Run.Finished.ToString(), r.Run.Paused ? "yes" : "",
                    r.Threshold?.ToString("F4") ?? "", Markup.Escape(string.Join(' ', r.States.Where(s => s.Count > 0).Select(s => $"{s.State}={s.Count}"))));
            AnsiConsole.Write(table);
            if (nodes.Nodes.Count > 0)
            {
                var memberTable = new Table().AddColumns("member", "roles", "status", "reachable", "coordinator", "GPU workers");
                foreach (var n in nodes.Nodes)
                    memberTable.AddRow(Markup.Escape(n.Address), string.Join(',', n.Roles), n.Status, n.Reachable ? "yes" : "[red]unreachable[/]",
                        n.Coordinator ? "yes" : "", n.Workers.ToString());
                AnsiConsole.Write(memberTable);
            }
            if (nodes.Workers.Count > 0)
            {
                var workerTable = new Table().AddColumns("GPU worker", "device", "provider", "tokens/s", "batch fill", "queue", "status");
                foreach (var w in nodes.Workers)
                    workerTable.AddRow(Markup.Escape(w.Address), Markup.Escape(w.Device), Markup.Escape(w.ExecutionProvider), w.TokensPerSecond.ToString("F0"),
                        w.BatchFill.ToString("F1"), w.QueueDepth.ToString(), w.Stale ? $"[red]stale ({w.StatusAgeSeconds:F0}s)[/]" : $"{w.StatusAgeSeconds:F0}s ago");
                AnsiConsole.Write(workerTable);
            }
            return Cli.Ok;
        }));
        return command;
    }

    /// <summary>The cluster's view through the seed nodes, or none (with the reason to print) for an embedded run's store,
    /// without seed nodes, or when no seed node answers.</summary>
    private static async Task<(IClusterView? View, string? Note)> ClusterViewAsync(RobustFtConfig cfg, bool embedded, CancellationToken ct)
    {
        if (embedded) return (null, "no cluster is reachable: an embedded run's store (robustft run is a one-node cluster inside its own process)");
        var formation = cfg.Cluster();
        if (formation.SeedNodes.Count == 0) return (null, "no cluster is reachable: configuration key robustft.cluster.seed-nodes is empty");
        var client = new ClusterStatusClient(formation, cfg.StatusTimeout());
        try
        {
            var snapshot = await client.GetAsync(ct);
            return (new FixedClusterView(snapshot), null);
        }
        catch (TimeoutException e)
        {
            return (null, $"warning: no cluster is reachable: {e.Message}");
        }
        finally
        {
            await client.DisposeAsync();
        }
    }
}
