using System.CommandLine;
using System.Text.Json;
using RobustFT.Cli.Configuration;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using Spectre.Console;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft status</c>: runs in a store and their samples per state.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Output directory of an embedded run (its robustft.db)" };
        var config = CommonOptions.Config();
        var runId = new Option<string?>("--run-id") { Description = "Only this run" };
        var set = CommonOptions.Set();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show runs and their progress") { output, config, runId, set, json };
        command.SetAction((parse, ct) => Cli.Guard(async () =>
        {
            var cfg = new RobustFtConfig(ConfigLoader.Load(parse.GetValue(config), parse.GetValue(set)));
            var dir = parse.GetValue(output);
            if (dir is not null && !File.Exists(Path.Combine(dir, "robustft.db")) && cfg.Reader.String("robustft.store.kind", "sqlite") == "sqlite")
                throw new UsageException($"--output: no run store (robustft.db) in '{dir}'");
            var factory = cfg.Store(dir);
            var store = new RunStore(factory);
            var sagas = new SqlSagaStore<SampleSaga>(factory, Cluster.Hosting.RuntimeServiceCollectionExtensions.SagaTable, StoreJson.Options);
            await store.EnsureSchemaAsync(ct);
            await sagas.EnsureSchemaAsync(ct);
            var runs = (await store.ListAsync(ct)).Where(r => parse.GetValue(runId) is not { } id || r.RunId == id).ToList();
            var rows = new List<RunStatus>();
            foreach (var run in runs)
                rows.Add(RunStatus.From(run, await sagas.CountByStateAsync(run.RunId, ct), await store.GetInferenceTotalsAsync(run.RunId, ct)));
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { runs = rows }, StatusJson));
                return Cli.Ok;
            }
            var table = new Table().AddColumns("run", "phase", "samples", "finished", "paused", "threshold", "states");
            foreach (var r in rows)
                table.AddRow(r.RunId, r.Phase, r.Samples.ToString(), r.Finished.ToString(), r.Paused ? "yes" : "", r.Threshold?.ToString("F4") ?? "",
                    Markup.Escape(string.Join(' ', r.States.Select(kv => $"{kv.Key}={kv.Value}"))));
            AnsiConsole.Write(table);
            return Cli.Ok;
        }));
        return command;
    }

    private static readonly JsonSerializerOptions StatusJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
