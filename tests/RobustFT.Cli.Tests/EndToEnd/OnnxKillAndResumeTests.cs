using RobustFT.Cli.Tests.Support;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Datasets;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>kill -9 of a real <c>robustft run</c> with the tiny ONNX models, then the same command again: batched
/// floating point depends on the batch a request lands in, and the resumed run recomputes unfinished requests in other
/// batches, so its raw entropies differ from an uninterrupted run's around the 7th decimal. Entropies are rounded to
/// 1e-6 before they are stored, ranked and printed, so samples.csv and the exports are byte-identical.</summary>
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
                "during-detection" => run.Phase == RunPhase.Detecting && n(SampleStates.AwaitingIndex) >= 15,
                "during-relabeling" => run.Phase == RunPhase.Retrieving && n(SampleStates.AwaitingSelection) >= 15,
                _ => throw new ArgumentOutOfRangeException(nameof(killPoint)),
            });
            process.Kill(entireProcessTree: true); // SIGKILL
            await process.WaitForExitAsync();
        }
        var resumed = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(5), args);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());

        foreach (var file in ExportFiles)
            Assert.True(File.ReadAllBytes(Path.Combine(baseline.Output, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, file))),
                $"{file} differs from the uninterrupted run's after a kill {killPoint}");
    }

    /// <summary>The tiny models, 60 demo rows and one uninterrupted run of them.</summary>
    public sealed class Baseline : IAsyncLifetime
    {
        private readonly TempDir _dir = new();

        public string Output => _dir.File("baseline");

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
            var demo = await cli.RunAsync(TimeSpan.FromMinutes(1), "demo-data", "--rows", "60", "--output", _dir.Path);
            Assert.True(demo.ExitCode == 0, demo.ToString());
            var run = await cli.RunAsync(TimeSpan.FromMinutes(5), Args(Output));
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        public Task DisposeAsync()
        {
            _dir.Dispose();
            return Task.CompletedTask;
        }
    }
}
