using System.CommandLine;
using System.Text.Json;
using RobustFT.Cli.Backends;
using RobustFT.Cli.Configuration;
using RobustFT.Cli.Output;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Datasets;
using RobustFT.Core.Evaluation;
using RobustFT.Core.Method;
using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;
using Spectre.Console;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft evaluate</c>: the configured generator (ONNX or an OpenAI-compatible server) answers a test
/// split with the vanilla prompt, through the worker's gate and inference cache (a rerun resumes), and the answers are
/// scored like <c>robustft eval</c> scores them.</summary>
public static class EvaluateCommand
{
    public static Command Create(IBackendProvider backends)
    {
        var config = CommonOptions.Config();
        var input = new Option<string>("--input", "-i") { Description = "Test split (.csv or .jsonl) with question, answer, options", Required = true };
        var task = new Option<string>("--task", "-t") { Description = "Task profile", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Directory for predictions.jsonl, evaluation.json and the cache (default: robustft-evaluate/<input>-<task>)" };
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        var match = CommonOptions.Match();
        var command = new Command("evaluate", "Answer a test split with the configured model and report its accuracy") { config, input, task, output, match, json, set };
        command.SetAction((parse, ct) => Cli.Guard(async () =>
        {
            var cfg = new RobustFtConfig(ConfigLoader.Load(parse.GetValue(config), parse.GetValue(set)));
            var profile = cfg.Task(parse.GetValue(task)!);
            var inputPath = parse.GetValue(input)!;
            if (!File.Exists(inputPath)) throw new UsageException($"--input: file '{inputPath}' not found");
            var data = DatasetReader.Read(inputPath);
            foreach (var reject in data.Rejects.Take(5)) Console.Error.WriteLine($"warning: {reject.File} line {reject.Line}: {reject.Field}: {reject.Reason} (row skipped)");
            if (data.Samples.Count == 0) throw new UsageException($"--input: '{inputPath}' has no valid rows");
            var outputDir = Path.GetFullPath(parse.GetValue(output)
                ?? Path.Combine("robustft-evaluate", $"{Path.GetFileNameWithoutExtension(inputPath)}-{profile.Name}"));
            Directory.CreateDirectory(outputDir);

            var model = backends.CreateGenerator(cfg);
            try
            {
                var database = new RunDatabase(cfg.Store(outputDir));
                await database.Runs.EnsureSchemaAsync(ct);
                var worker = cfg.Worker();
                using var metrics = new WorkerMetrics();
                using var gate = new GenerationGate(model, worker, metrics);
                var generator = new CachedGenerator(gate, new InferenceCache(database.Connections), worker);

                var requests = Requests(cfg, profile, data.Samples);
                Console.Error.WriteLine($"evaluate: {data.Samples.Count} questions of {inputPath} (task {profile.Name}) with {model.ModelId} → {outputDir}");
                var answered = await ProgressDisplay.CountAsync($"evaluate {profile.Name}", requests.Count, progress => generator.GenerateAsync(requests, progress, ct));

                var predictionsPath = Path.Combine(outputDir, ModelEvaluation.PredictionsFileName);
                var predictions = new List<Prediction>();
                for (var i = 0; i < requests.Count; i++)
                    if (answered.Results[i].Succeeded) predictions.Add(new Prediction(requests[i].SampleId, answered.Results[i].Text, predictions.Count + 1));
                await AtomicFile.WriteAsync(predictionsPath, async w =>
                {
                    foreach (var p in predictions) await w.WriteLineAsync(JsonSerializer.Serialize(new { id = p.Id, response = p.Response }, CoreJson.Compact));
                }, ct);

                var failures = answered.Results.Select((r, i) => (r, i)).Where(x => !x.r.Succeeded).ToList();
                foreach (var (r, i) in failures.Take(5)) Console.Error.WriteLine($"warning: {requests[i].SampleId}: {r.Error}");
                var scored = PredictionEvaluator.Evaluate(data.Samples, predictions, profile, cfg.AnswerMatching(parse.GetValue(match)), predictionsPath);
                var report = new ModelEvaluation(model.ModelId, profile.Name, Path.GetFullPath(inputPath), scored.Accuracy, scored.Rows.Count(r => r.Correct),
                    scored.Rows.Count, failures.Count, answered.CacheHits, CategoryAccuracy.Compute(data.Samples, scored), predictionsPath);
                await AtomicFile.WriteAllTextAsync(Path.Combine(outputDir, ModelEvaluation.FileName), report.ToJson(), ct);

                if (parse.GetValue(json)) Console.Out.Write(report.ToJson());
                else Print(report);
                if (failures.Count == 0) return Cli.Ok;
                Console.Error.WriteLine($"error: {failures.Count} of {requests.Count} requests failed (counted as wrong); rerun the same command to retry them, answered ones come from the cache");
                return Cli.Failed;
            }
            finally
            {
                if (model is IAsyncDisposable a) await a.DisposeAsync();
                else (model as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    /// <summary>The vanilla prompt of every question, with the base step's budget and seed: the same requests (and so
    /// the same cache entries) as a run's first step on the same rows.</summary>
    public static IReadOnlyList<GenerationRequest> Requests(RobustFtConfig cfg, Core.Tasks.TaskProfile profile, IReadOnlyList<Core.Samples.Sample> samples)
    {
        var prompts = new PromptBuilder(profile, cfg.Prompts());
        var (temperature, topP, topK) = cfg.Sampling();
        var budget = cfg.Budgets().Base;
        var seed = cfg.Method().Seed;
        return samples.Select(s => new GenerationRequest(s.Id, SampleSteps.Base, prompts.Vanilla(s),
            new GenerationOptions(budget, temperature, topP, topK, StepSeed.For(seed, s.Id, SampleSteps.Base)))).ToList();
    }

    private static void Print(ModelEvaluation report)
    {
        AnsiConsole.WriteLine($"accuracy {report.Accuracy:P2} ({report.Correct}/{report.Total}), {report.Failed} failed, {report.CacheHits} from the cache");
        if (report.Categories.Count > 0)
        {
            var table = new Table().AddColumns("category", "correct", "total", "accuracy");
            foreach (var c in report.Categories) table.AddRow(Markup.Escape(c.Category), c.Correct.ToString(), c.Total.ToString(), c.Accuracy.ToString("P2"));
            AnsiConsole.Write(table);
        }
        AnsiConsole.WriteLine($"predictions: {report.Predictions}");
    }
}
