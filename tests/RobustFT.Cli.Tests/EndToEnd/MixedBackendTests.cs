using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;
using RobustFT.Core.Demo;
using RobustFT.Core.Evaluation;
using RobustFT.Core.Reports;
using RobustFT.Testing.Data;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>The generator on one backend and the encoder on another, and <c>evaluate</c> on the ONNX backend: the
/// tiny smoke models (<c>models make-tiny</c>) with the real ONNX Runtime, the OpenAI-compatible test server.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MixedBackendTests
{
    [Fact]
    public async Task Openai_generator_with_the_onnx_encoder_runs_to_the_end_without_asking_the_server_for_embeddings()
    {
        using var dir = new TempDir();
        var cli = CliProcess.Robustft();
        var tiny = await cli.RunAsync(TimeSpan.FromMinutes(2), "models", "make-tiny", "--output", dir.File("models"));
        Assert.True(tiny.ExitCode == 0, tiny.ToString());
        var gold = SharedData.File("arc", "labeled.csv");
        var input = dir.File("arc40.csv");
        await File.WriteAllTextAsync(input, DemoDataSet.ToCsv(DatasetReader.Read(SharedData.File("arc", "noisy30.csv")).Samples.Take(40)));
        await using var server = await OpenAiRun.StartServerAsync(gold);

        var run = await cli.RunAsync(TimeSpan.FromMinutes(4),
        [
            .. ScriptedRun.Args(input, "arc", dir.File("out"), gold),
            "--set", "robustft.inference.backend=openai",
            "--set", $"robustft.inference.openai.base-url={server.BaseUrl}",
            "--set", $"robustft.inference.openai.model={OpenAiRun.ServedModel}",
            "--set", $"robustft.inference.encoder.model=\"{dir.File("models/encoder")}\"",
        ]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = RunReport.FromJson(await File.ReadAllTextAsync(dir.File("out/" + RunReport.FileName)));
        Assert.Equal(40, report.Samples);
        Assert.Equal(0, report.Faulted);
        Assert.DoesNotContain(server.Calls, c => c.Path == "embeddings");
        Assert.True(server.Answered.Count >= 80, $"{server.Answered.Count} chat completions for 40 samples");
    }

    [Fact]
    public async Task Evaluate_runs_the_onnx_generator_too_and_writes_a_prediction_per_row()
    {
        using var dir = new TempDir();
        var cli = CliProcess.Robustft();
        var tiny = await cli.RunAsync(TimeSpan.FromMinutes(2), "models", "make-tiny", "--output", dir.File("models"));
        Assert.True(tiny.ExitCode == 0, tiny.ToString());
        var input = dir.File("test20.csv");
        await File.WriteAllTextAsync(input, DemoDataSet.ToCsv(DatasetReader.Read(SharedData.File("arc", "test.csv")).Samples.Take(20)));

        // No encoder is configured: evaluate needs only the generator. The tiny model's context (512 tokens) is too short
        // for some questions: those requests fail alone, count as wrong, and make the exit code 1.
        string[] args = ["evaluate", "--input", input, "--task", "arc", "--output", dir.File("out"), "--json",
            "--set", $"robustft.inference.generator.model=\"{dir.File("models/decoder")}\"", "--set", "robustft.inference.generator.max-new-tokens.base=8"];
        var result = await cli.RunAsync(TimeSpan.FromMinutes(4), args);

        var report = ModelEvaluation.FromJson(result.Stdout);
        Assert.True(result.ExitCode == (report.Failed == 0 ? 0 : 1), result.ToString());
        Assert.Equal(20, report.Total);
        Assert.InRange(report.Failed, 0, 10);
        Assert.StartsWith("onnx:", report.Model);
        var predictions = PredictionReader.Read(dir.File("out/" + ModelEvaluation.PredictionsFileName));
        Assert.Equal(20 - report.Failed, predictions.Count);
        Assert.Equal(report.Correct, PredictionEvaluator.Evaluate(DatasetReader.Read(input).Samples, predictions, Core.Tasks.TaskProfiles.Resolve("arc"), Core.Answers.AnswerMatching.Reference).Rows.Count(r => r.Correct));
        if (report.Failed > 0) Assert.Contains("context window", result.Stderr);

        // The rerun takes every answered row from the cache and asks the model only for the failed ones.
        var again = ModelEvaluation.FromJson((await cli.RunAsync(TimeSpan.FromMinutes(4), args)).Stdout);
        Assert.Equal(20 - report.Failed, again.CacheHits);
        Assert.Equal(report.Accuracy, again.Accuracy);
    }
}
