using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;
using RobustFT.Testing.Data;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>Two real <c>robustft run</c> processes on one output directory: the second refuses while the first lives,
/// and a first one killed with SIGKILL does not block the rerun that resumes it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OutputDirectoryLockTests
{
    [Fact]
    public async Task A_second_run_on_a_directory_held_by_a_live_run_refuses_and_a_killed_holder_does_not_block_the_resume()
    {
        using var dir = new TempDir();
        var input = await ScriptedRun.ArcSliceAsync(dir.File("arc120.csv"), 120);
        var gold = SharedData.File("arc", "labeled.csv");
        var output = dir.File("out");
        var args = ScriptedRun.Args(input, "arc", output, gold);
        var slow = ScriptedRun.Host(gold, delayMs: 500);

        using (var first = slow.Start(args))
        {
            var firstErr = first.StandardError.ReadToEndAsync();
            _ = first.StandardOutput.ReadToEndAsync();
            await WaitForStoreAsync(output, first);

            var second = await ScriptedRun.Host(gold).RunAsync(TimeSpan.FromMinutes(2), args);

            Assert.True(second.ExitCode == 2, second.ToString());
            Assert.Contains($"'{output}' is in use by another run (process {first.Id} on", second.Stderr);
            Assert.False(first.HasExited, "the first run must go on while the second refuses: " + (first.HasExited ? await firstErr : ""));
            first.Kill(entireProcessTree: true); // SIGKILL: the holder cannot release anything itself
            await first.WaitForExitAsync();
        }

        var resumed = await ScriptedRun.Host(gold).RunAsync(TimeSpan.FromMinutes(5), args);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(120, RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(output, RunReport.FileName))).Samples);
    }

    /// <summary>Waits until the first run has opened its store (it holds the directory from before that).</summary>
    private static async Task WaitForStoreAsync(string output, System.Diagnostics.Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!File.Exists(Path.Combine(output, "robustft.db")))
        {
            Assert.False(process.HasExited, "the first run ended before it opened its store");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the first run never opened its store");
            await Task.Delay(50);
        }
    }
}
