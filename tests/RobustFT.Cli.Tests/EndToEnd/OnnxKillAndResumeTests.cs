using RobustFT.Cli.Tests.Support;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>kill -9 of a real <c>robustft run</c> with the tiny ONNX models in batches of 8, then the same command again:
/// samples.csv and the exports are byte-identical to an uninterrupted run's. Batched floating point depends on the batch
/// a request lands in, and the resumed run recomputes unfinished requests in other batches; the context answer is
/// scored alone (<c>GenerationOptions.ScoreAlone</c>), so its entropy does not depend on that (before it was, rounded
/// to 1e-6 this test failed at both kill points with batches of 8).</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OnnxKillAndResumeTests(OnnxKillAndResumeTests.Baseline baseline) : IClassFixture<OnnxKillAndResumeTests.Baseline>
{
    private static readonly string[] ExportFiles = [TrainingExporter.AlpacaFileName, TrainingExporter.MessagesFileName, TrainingExporter.SamplesFileName];

    public static TheoryData<string> KillPoints => new() { "during-detection", "during-relabeling" };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task A_killed_onnx_run_resumes_with_byte_identical_samples_and_exports(string killPoint)
    {
        using var dir = new TempDir();
        var output = dir.File("out");
        var args = baseline.Args(output);

        using (var process = CliProcess.Robustft().Start(args))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            // Every sample is noisy with the tiny models: detection ends in AwaitingIndex, relabeling in AwaitingSelection.
            await StoreProbe.WaitUntilAsync(output, process, $"kill point {killPoint}", (run, n) => killPoint switch
            {
                "during-detection" => run.Phase == RunPhase.Detecting && n(SampleStates.AwaitingIndex) >= 20,
                // As soon as relabeling has finished a first sample: the whole phase is the window (the tiny models relabel
                // 150 samples in a few seconds on an idle machine).
                "during-relabeling" => run.Phase == RunPhase.Retrieving && n(SampleStates.AwaitingSelection) >= 1,
                _ => throw new ArgumentOutOfRangeException(nameof(killPoint)),
            });
            process.Kill(entireProcessTree: true); // SIGKILL
            await process.WaitForExitAsync();
        }
        var resumed = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(5), args);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());

        foreach (var file in ExportFiles)
            Assert.True(File.ReadAllBytes(Path.Combine(baseline.Output, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, file))),
                $"{file} differs from the uninterrupted run's after a kill {killPoint}: {FirstDifference(Path.Combine(baseline.Output, file), Path.Combine(output, file))}");
        // Finished inference is not redone: answers are cached before their batch is journaled, so both runs together
        // make at most the uninterrupted run's model calls.
        var calls = RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(output, RunReport.FileName))).InferenceCalls;
        Assert.True(calls <= baseline.InferenceCalls, $"the killed and resumed runs made {calls} model calls, the uninterrupted run {baseline.InferenceCalls}");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = File.ReadAllLines(expected);
        var b = File.ReadAllLines(actual);
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            if (i >= a.Length || i >= b.Length || a[i] != b[i])
                return $"line {i + 1}:\n  uninterrupted: {(i < a.Length ? a[i] : "(none)")}\n  resumed:       {(i < b.Length ? b[i] : "(none)")}";
        return "same lines";
    }

    /// <summary>The tiny models, 150 demo rows (enough for the run to be caught at each kill point) and one uninterrupted
    /// run of them.</summary>
    public sealed class Baseline : IAsyncLifetime
    {
        private readonly TempDir _dir = new();

        public string Output => _dir.File("baseline");

        /// <summary>Model calls of the uninterrupted run (report.json).</summary>
        public long InferenceCalls { get; private set; }

        public string[] Args(string output) =>
        [
            "run", "--config", Path.Combine(CliProcess.RepoRoot, "hocon", "local.conf"), "--task", "arc",
            "--input", _dir.File("noisy.csv"), "--output", output,
            "--set", $"robustft.inference.generator.model=\"{_dir.File("models/decoder")}\"",
            "--set", $"robustft.inference.encoder.model=\"{_dir.File("models/encoder")}\"",
            "--set", "robustft.coordinator.poll-interval=50ms",
            "--set", "robustft.inference.batching.max-batch-size=8",
        ];

        public async Task InitializeAsync()
        {
            var cli = CliProcess.Robustft();
            var tiny = await cli.RunAsync(TimeSpan.FromMinutes(2), "models", "make-tiny", "--output", _dir.File("models"));
            Assert.True(tiny.ExitCode == 0, tiny.ToString());
            var demo = await cli.RunAsync(TimeSpan.FromMinutes(1), "demo-data", "--rows", "150", "--output", _dir.Path);
            Assert.True(demo.ExitCode == 0, demo.ToString());
            var run = await cli.RunAsync(TimeSpan.FromMinutes(5), Args(Output));
            Assert.True(run.ExitCode == 0, run.ToString());
            InferenceCalls = RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(Output, RunReport.FileName))).InferenceCalls;
        }

        public Task DisposeAsync()
        {
            _dir.Dispose();
            return Task.CompletedTask;
        }
    }
}
