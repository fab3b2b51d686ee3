using RobustFT.Cli.Output;
using RobustFT.Core.Reports;
using Spectre.Console;

namespace RobustFT.Cli.Tests.Commands;

/// <summary>The end-of-run table rendered by Spectre.Console into an 80-column console that is not a terminal.</summary>
public sealed class RunSummaryTests
{
    private static string Render(RunReport report, int width)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        RunSummary.Write(console, report, "/data/out/run-with-a-rather-long-output-directory-name");
        return writer.ToString();
    }

    private static RunReport Report(LabelAccuracy? accuracy) => new()
    {
        RunId = "r", Task = "arc", Samples = 123456, Rejected = 7, Clean = 80000, Noisy = 43456, Relabeled = 43000, Selected = 21500,
        Exported = 101500, Faulted = 456, Threshold = 0.4123456789, CacheHits = 1234567, InferenceCalls = 9876543,
        WallSeconds = 3725.4, ElapsedSeconds = 90000, SamplesPerSecond = 33.14,
        Detection = new DetectionMetrics(0.91, 0.87, 0.889, 1, 2, 3), LabelAccuracy = accuracy,
    };

    [Fact]
    public void Every_figure_is_shown_whole_within_80_columns_when_the_output_is_not_a_terminal()
    {
        var text = Render(Report(new LabelAccuracy(0.7, 0.85)), 80);
        var lines = text.Split('\n');

        Assert.All(lines, line => Assert.True(line.Length <= 80, $"line of {line.Length} columns: '{line}'"));
        Assert.DoesNotContain("…", text);
        foreach (var figure in new[] { "samples", "rejected rows", "clean", "noisy", "relabeled", "selected", "exported", "faulted",
                     "entropy threshold", "model calls", "cache hits", "running time", "since created", "samples/s (running)",
                     "detection F1", "label accuracy, input", "label accuracy, exported" })
            Assert.Contains(lines, l => l.TrimStart().StartsWith(figure + " ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("123456") && l.TrimStart().StartsWith("samples ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("1:02:05") && l.Contains("running time"));
        Assert.Contains(lines, l => l.Contains("25:00:00") && l.Contains("since created"));
        Assert.Contains(lines, l => l.Contains("85.0") && l.Contains("label accuracy, exported"));
    }

    [Fact]
    public void Exported_label_accuracy_prints_n_a_when_nothing_was_exported()
    {
        var text = Render(Report(new LabelAccuracy(0.7, null)), 80);

        Assert.Contains(text.Split('\n'), l => l.Contains("label accuracy, exported") && l.TrimEnd().EndsWith("n/a", StringComparison.Ordinal));
    }
}
