using System.Text.Json;
using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;
using RobustFT.Core.Demo;
using RobustFT.Core.Reports;
using RobustFT.Core.Samples;
using RobustFT.Testing.Data;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>Runs <c>robustft run</c> (test host: scripted experts answering from the clean labels with a fixed error
/// rate) on a shared benchmark split.</summary>
public static class ScriptedRun
{
    public const double ExpertErrorRate = 0.1;

    public static CliProcess Host(string goldPath, int delayMs = 0)
    {
        var host = CliProcess.TestHost();
        host.Environment["ROBUSTFT_SCRIPTED_GOLD"] = goldPath;
        host.Environment["ROBUSTFT_SCRIPTED_ERROR"] = ExpertErrorRate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        host.Environment["ROBUSTFT_SCRIPTED_DELAY_MS"] = delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return host;
    }

    public static string[] Args(string input, string task, string output, string gold, params string[] extra) =>
        ["run", "--input", input, "--task", task, "--output", output, "--gold", gold, "--set", "robustft.coordinator.poll-interval=50ms", .. extra];

    public static async Task<RunReport> RunToEndAsync(string task, string split, string output)
    {
        var gold = SharedData.File(task, "labeled.csv");
        var result = await Host(gold).RunAsync(TimeSpan.FromMinutes(5), Args(SharedData.File(task, split), task, output, gold));
        Assert.True(result.ExitCode == 0, result.ToString());
        return RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(output, RunReport.FileName)));
    }

    /// <summary>Writes the first <paramref name="rows"/> samples of arc noisy30 to <paramref name="path"/> and returns it.</summary>
    /// <summary>The first <paramref name="rows"/> samples of arc noisy30.</summary>
    public static IReadOnlyList<Sample> ArcSlice(int rows) => DatasetReader.Read(SharedData.File("arc", "noisy30.csv")).Samples.Take(rows).ToList();

    /// <summary>Writes <see cref="ArcSlice"/> to <paramref name="path"/> as CSV and returns the path.</summary>
    public static async Task<string> ArcSliceAsync(string path, int rows)
    {
        await File.WriteAllTextAsync(path, DemoDataSet.ToCsv(ArcSlice(rows)));
        return path;
    }

    public static int JsonArrayLength(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetArrayLength();
    }
}
