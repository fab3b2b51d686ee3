using System.Diagnostics;
using RobustFT.Cli.Tests.Support;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;
using RobustFT.Testing.Data;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>kill -9 of a real <c>robustft run</c> process at several points, then the same command again: the run
/// completes, no sample is lost or duplicated, the exports equal an uninterrupted run's byte for byte, and finished
/// inference is reused from the cache.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class KillAndResumeTests(KillAndResumeTests.Baseline baseline) : IClassFixture<KillAndResumeTests.Baseline>
{
    private static readonly string[] ExportFiles = [TrainingExporter.AlpacaFileName, TrainingExporter.MessagesFileName, TrainingExporter.SamplesFileName];

    private static readonly TimeSpan DeadTime = TimeSpan.FromSeconds(3);

    /// <summary>Per model call: slow enough that the store probe catches the run inside each kill point's window (the
    /// worker runs two model calls at once).</summary>
    private const int ModelDelayMs = 100;

    public static TheoryData<string> KillPoints => new() { "during-detection", "after-first-barrier", "during-relabeling" };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task Killed_run_resumes_with_identical_exports_and_reused_inference(string killPoint)
    {
        using var dir = new TempDir();
        var output = dir.File("out");
        var host = ScriptedRun.Host(baseline.Gold, delayMs: ModelDelayMs);
        var args = ScriptedRun.Args(baseline.Input, "arc", output, baseline.Gold);

        using (var process = host.Start(args))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            await WaitForAsync(output, killPoint, process);
            process.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs
            await process.WaitForExitAsync();
        }
        await Task.Delay(DeadTime); // the run lies dead: report.json's running time must not count this

        var resumed = await host.RunAsync(TimeSpan.FromMinutes(5), args);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());

        foreach (var file in ExportFiles)
            Assert.True(File.ReadAllBytes(Path.Combine(baseline.Output, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, file))),
                $"{file} differs from the uninterrupted run's after a kill {killPoint}");
        var report = RunReport.FromJson(File.ReadAllText(Path.Combine(output, RunReport.FileName)));
        Assert.Equal(baseline.Samples, report.Samples);
        // Finished inference is not redone: every answer is cached before its batch is journaled, so the model calls of
        // both runs together are at most the uninterrupted run's (cache hits are not asserted: a hit needs a kill between
        // a cache write and its sample's next state, a narrow window).
        Assert.True(report.InferenceCalls <= baseline.InferenceCalls,
            $"the killed and resumed runs made {report.InferenceCalls} model calls, the uninterrupted run {baseline.InferenceCalls} (kill {killPoint})");
        Assert.True(report.ElapsedSeconds - report.WallSeconds >= DeadTime.TotalSeconds,
            $"running {report.WallSeconds:F1}s should leave out the {DeadTime.TotalSeconds}s the run lay dead (elapsed {report.ElapsedSeconds:F1}s)");
        Assert.Equal(report.Samples / report.WallSeconds, report.SamplesPerSecond, 9);

        using var reader = new StreamReader(Path.Combine(output, TrainingExporter.SamplesFileName));
        var ids = new CsvParser(reader).Records().Skip(1).Select(r => r.Fields[0]).ToList();
        Assert.Equal(baseline.Samples, ids.Count);
        Assert.Equal(baseline.Samples, ids.Distinct().Count());
    }

    private static Task WaitForAsync(string output, string killPoint, Process process) =>
        StoreProbe.WaitUntilAsync(output, process, $"kill point {killPoint}", (run, n) => killPoint switch
        {
            "during-detection" => run.Phase == RunPhase.Detecting && n(SampleStates.Reasoning) + n(SampleStates.Embedding) + n(SampleStates.Clean) >= 40,
            "after-first-barrier" => run.Phase == RunPhase.Retrieving && n(SampleStates.AwaitingSelection) == 0,
            "during-relabeling" => run.Phase == RunPhase.Retrieving && n(SampleStates.AwaitingSelection) >= 20,
            _ => throw new ArgumentOutOfRangeException(nameof(killPoint)),
        });

    /// <summary>A 400-row slice of arc noisy30 and one uninterrupted run of it.</summary>
    public sealed class Baseline : IAsyncLifetime
    {
        private readonly TempDir _dir = new();

        public string Input => _dir.File("arc400.csv");
        public string Output => _dir.File("baseline");
        public string Gold => SharedData.File("arc", "labeled.csv");
        public int Samples => 400;

        /// <summary>Model calls of the uninterrupted run (report.json).</summary>
        public long InferenceCalls { get; private set; }

        public async Task InitializeAsync()
        {
            await ScriptedRun.ArcSliceAsync(Input, Samples);
            var result = await ScriptedRun.Host(Gold, delayMs: ModelDelayMs).RunAsync(TimeSpan.FromMinutes(5), ScriptedRun.Args(Input, "arc", Output, Gold));
            Assert.True(result.ExitCode == 0, result.ToString());
            InferenceCalls = RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(Output, RunReport.FileName))).InferenceCalls;
        }

        public Task DisposeAsync()
        {
            _dir.Dispose();
            return Task.CompletedTask;
        }
    }
}
