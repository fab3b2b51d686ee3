using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using RobustFT.Cli.Backends;
using RobustFT.Cli.Configuration;
using RobustFT.Cli.Output;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft submit</c>: ingests a run into the cluster's store and follows it while the coordinator
/// singleton drives it; warns while the run does not move (no coordinator has taken it). Interrupting submit leaves the run running; submitting the same command again follows it again.</summary>
public static class SubmitCommand
{
    public static Command Create(IBackendProvider backends)
    {
        var config = CommonOptions.Config();
        var input = new Option<string>("--input", "-i") { Description = "Dataset (.csv or .jsonl) with question, answer, options", Required = true };
        var task = new Option<string>("--task", "-t") { Description = "Task profile: mmlu, arc, pubmedqa, fpb, convfinqa, drop or one from the config", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Output directory the coordinator writes the exports to (a volume it shares)", Required = true };
        var runId = new Option<string?>("--run-id") { Description = "Run id (default: derived from input, task, config and models)" };
        var gold = new Option<string?>("--gold") { Description = "Clean labels (same layout) for detection and accuracy metrics in the report" };
        var detach = new Option<bool>("--detach") { Description = "Print the run id and return once the run is submitted" };
        var set = CommonOptions.Set();
        var command = new Command("submit", "Submit a run to a cluster and follow it to its end (exit 0 completed, 1 failed or cancelled)")
        {
            config, input, task, output, runId, gold, detach, set,
        };
        command.SetAction((parse, ct) => Cli.Guard(async () =>
        {
            var cfg = new RobustFtConfig(ConfigLoader.Load(parse.GetValue(config), parse.GetValue(set)));
            var settings = RunCommand.Settings(cfg, parse.GetValue(input)!, parse.GetValue(task)!, parse.GetValue(output)!, parse.GetValue(gold));
            settings = RunCommand.WithModels(settings, backends.ModelIds(cfg), parse.GetValue(runId));
            var factory = cfg.Store(settings.OutputDirectory);
            var db = new RunDatabase(factory);
            await db.EnsureSchemaAsync(ct);
            var store = db.Runs;

            var run = await new RunIngestor(store, NullLogger<RunIngestor>.Instance).IngestAsync(settings, ct);
            await store.AdvancePhaseAsync(run.RunId, RunPhase.Detecting, ct: ct);
            Console.Error.WriteLine($"run {run.RunId} submitted to {factory.Describe()}: {run.Samples} samples, {run.Rejected} rejected → {settings.OutputDirectory}");
            if (parse.GetValue(detach))
            {
                Console.Out.WriteLine(run.RunId);
                return Cli.Ok;
            }

            var staleAfter = cfg.StaleAfter();
            RunRecord final;
            try
            {
                var follower = new RunFollower(db.Runs, db.Samples, TimeSpan.FromMilliseconds(500))
                {
                    StaleAfter = staleAfter,
                    OnStalled = still => Console.Error.WriteLine(
                        $"warning: run {run.RunId} has not moved for {still.TotalSeconds:F0}s: no coordinator has taken it (is a node with the coordinator role up and joined to the cluster?)"),
                };
                final = await ProgressDisplay.RunAsync(progress => follower.FollowAsync(run.RunId, progress, ct));
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"stopped following run {run.RunId}; it goes on in the cluster (robustft status --run-id {run.RunId}, or submit again to follow)");
                return Cli.Failed;
            }
            return RunCommand.Summarise(final, settings);
        }));
        return command;
    }
}
