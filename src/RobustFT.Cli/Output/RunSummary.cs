using System.Globalization;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;
using Spectre.Console;

namespace RobustFT.Cli.Output;

/// <summary>The end-of-run summary: one figure per row, so that it stays readable in an 80-column terminal and in a
/// log (Spectre.Console renders 80 columns when the output is not a terminal).</summary>
public static class RunSummary
{
    public static void Write(IAnsiConsole console, RunReport report, string outputDirectory)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string figure, string value) => table.AddRow(Markup.Escape(figure), Markup.Escape(value));
        Row("samples", Count(report.Samples));
        Row("rejected rows", Count(report.Rejected));
        Row("clean", Count(report.Clean));
        Row("noisy", Count(report.Noisy));
        Row("relabeled", Count(report.Relabeled));
        Row("unlabeled", Count(report.Unlabeled));
        Row("selected", Count(report.Selected));
        Row("exported", Count(report.Exported));
        Row("faulted", Count(report.Faulted));
        Row("entropy threshold", report.Threshold is { } t ? t.ToString("F6", CultureInfo.InvariantCulture) : "n/a");
        Row("model calls", Count(report.InferenceCalls));
        Row("cache hits", Count(report.CacheHits));
        Row("running time", Seconds(report.WallSeconds));
        Row("since created", Seconds(report.ElapsedSeconds));
        Row("samples/s (running)", report.SamplesPerSecond.ToString("F2", CultureInfo.InvariantCulture));
        if (report.Detection is { } d)
        {
            Row("detection precision", d.Precision.ToString("F3", CultureInfo.InvariantCulture));
            Row("detection recall", d.Recall.ToString("F3", CultureInfo.InvariantCulture));
            Row("detection F1", d.F1.ToString("F3", CultureInfo.InvariantCulture));
        }
        if (report.LabelAccuracy is { } a)
        {
            Row("label accuracy, input", a.Input.ToString("P1", CultureInfo.InvariantCulture));
            Row("label accuracy, exported", a.FormatExported());
        }
        console.Write(table);
        if (report.Partial) console.MarkupLine("[yellow]partial: the run was cancelled; unfinished samples were not exported[/]");
        console.WriteLine($"outputs in {outputDirectory}:");
        foreach (var file in new[] { TrainingExporter.AlpacaFileName, TrainingExporter.MessagesFileName, TrainingExporter.SamplesFileName, RunReport.FileName, RejectsWriter.FileName })
            console.WriteLine($"  {file}");
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Hours (not wrapped at a day), minutes and seconds: 25:00:00 for a day and an hour.</summary>
    private static string Seconds(double s)
    {
        var t = TimeSpan.FromSeconds(Math.Round(s));
        return string.Create(CultureInfo.InvariantCulture, $"{(long)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}");
    }
}
