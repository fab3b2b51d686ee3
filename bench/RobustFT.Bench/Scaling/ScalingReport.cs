using System.Globalization;
using System.Text;

namespace RobustFT.Bench.Scaling;

/// <summary>The benchmark's derived figures (pure): throughput, scaling efficiency against the one-node run, the
/// GPU-only ceilings and the per-sample message and write counts, and their Markdown table.</summary>
public static class ScalingReport
{
    /// <summary>"4" or "4 (1 slow)".</summary>
    public static string Set(ScalingMeasurement m) => m.SlowNodes == 0 ? $"{m.GpuNodes}" : $"{m.GpuNodes} ({m.SlowNodes} slow)";

    public static double SamplesPerSecond(ScalingMeasurement m) => m.WallSeconds <= 0 ? 0 : m.Samples / m.WallSeconds;

    /// <summary>throughput(N) / (capacity × throughput(1)), capacity = N with each slow node counting half; null without
    /// a one-node baseline.</summary>
    public static double? Efficiency(ScalingMeasurement m, ScalingMeasurement? baseline) =>
        baseline is null || SamplesPerSecond(baseline) <= 0 ? null : SamplesPerSecond(m) / ((m.GpuNodes - 0.5 * m.SlowNodes) * SamplesPerSecond(baseline));

    /// <summary>Nominal GPU seconds (a + b·batch over every call) summed over the nodes.</summary>
    public static double GpuSeconds(ScalingMeasurement m) => (m.Generate.NominalMs + m.Embed.NominalMs) / 1000;

    /// <summary>Samples/s if the GPU time at the batch sizes this run reached were the only cost and spread evenly
    /// over the nodes.</summary>
    public static double CeilingAtMeasuredBatches(ScalingMeasurement m) => GpuSeconds(m) <= 0 ? 0 : m.Samples / (GpuSeconds(m) / m.GpuNodes);

    /// <summary>Samples/s if the GPU time were the only cost and every call ran a full batch of <paramref name="maxBatch"/>.</summary>
    public static double CeilingAtFullBatches(ScalingMeasurement m, GpuCost generate, GpuCost embed, int maxBatch)
    {
        if (m.Samples == 0) return 0;
        var msPerSample = (double)m.Generate.Items / m.Samples * generate.MsPerItemAt(maxBatch)
                          + (double)m.Embed.Items / m.Samples * embed.MsPerItemAt(maxBatch);
        return msPerSample <= 0 ? 0 : m.GpuNodes * 1000 / msPerSample;
    }

    /// <summary>Share of the wall time the GPUs were busy (nominal GPU time over nodes × wall).</summary>
    public static double GpuUtilisation(ScalingMeasurement m) => m.WallSeconds <= 0 ? 0 : GpuSeconds(m) / (m.GpuNodes * m.WallSeconds);

    public static double PerSample(long count, ScalingMeasurement m) => m.Samples == 0 ? 0 : (double)count / m.Samples;

    public static string MarkdownTable(IReadOnlyList<ScalingMeasurement> runs, ScalingOptions options)
    {
        var baseline = runs.FirstOrDefault(r => r.GpuNodes == 1 && r.SlowNodes == 0);
        var sb = new StringBuilder();
        sb.AppendLine("| GPU nodes | samples | wall s | samples/s | efficiency | GPU-only ceiling (measured batches / full batches) | GPU busy | avg gen batch | avg embed batch | gen calls/sample | events/sample | DB rows/sample | xact/sample | runtime CPU ms/sample | machine busy | peak RSS MB |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in runs)
        {
            var efficiency = Efficiency(m, baseline);
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Set(m)} | {m.Samples} | {m.WallSeconds:0.0} | {SamplesPerSecond(m):0.0} | {(efficiency is { } e ? $"{e:P0}" : "–")} | " +
                $"{CeilingAtMeasuredBatches(m):0} / {CeilingAtFullBatches(m, options.Generate, options.Embed, options.MaxBatch):0} | {GpuUtilisation(m):P0} | " +
                $"{m.Generate.AverageBatch:0.0} | {m.Embed.AverageBatch:0.0} | {PerSample(m.Generate.Items, m):0.00} | " +
                $"{PerSample(m.JournalEvents, m):0.0} | {PerSample(m.Database.RunRows, m):0.0} | {PerSample(m.Database.Commits, m):0.0} | " +
                $"{m.ProcessCpuSeconds * 1000 / Math.Max(1, m.Samples):0.0} | {m.MachineBusy:P0} | {m.ResidentMb:0} |"));
        }
        return sb.ToString();
    }

    /// <summary>Per-run details: outcome counts, node balance, messages by type and rows by table.</summary>
    public static string Details(ScalingMeasurement m)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"N={Set(m)}: phase {m.Phase}, clean {m.Clean}, noisy {m.Noisy}, relabeled {m.Relabeled}, selected {m.Selected}, faulted {m.Faulted}; " +
            $"gen {m.Generate.Calls} calls / {m.Generate.Items} items (held {m.Generate.HeldMs / 1000:0.0} s, nominal {m.Generate.NominalMs / 1000:0.0} s), " +
            $"embed {m.Embed.Calls} calls / {m.Embed.Items} items; items per node [{string.Join(", ", m.ItemsPerNode)}]"));
        sb.AppendLine("  phases (s after start): " + string.Join(", ", m.PhaseStarts.OrderBy(kv => kv.Value).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:0.0}"))));
        sb.AppendLine("  rows: " + string.Join(", ", m.Database.Tables.Where(t => t.Total > 0)
            .Select(t => $"{t.Table} +{t.Inserted}/~{t.Updated}/-{t.Deleted}")) + $"; commits {m.Database.Commits}");
        for (var i = 0; i < m.GpuIdle.Count; i++) sb.AppendLine($"  GPU {i + 1}: {m.GpuIdle[i]}");
        var idle = m.IdleCores is { } cores ? string.Create(CultureInfo.InvariantCulture, $"; idle cluster before the run {cores:0.000} cores") : "";
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"  runtime CPU {m.ProcessCpuSeconds:0.00} s = {m.ProcessCpuSeconds * 1000 / Math.Max(1, m.Samples):0.0} ms/sample{idle}"));
        return sb.ToString();
    }
}
