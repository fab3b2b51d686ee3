using System.Globalization;

namespace RobustFT.Bench.Scaling;

/// <summary>Latency of one simulated GPU call: <see cref="FixedMs"/> + <see cref="PerItemMs"/> · batch size (the
/// "a + b·batch" of the benchmark).</summary>
public sealed record GpuCost(double FixedMs, double PerItemMs)
{
    /// <summary>The same device <paramref name="factor"/> times slower.</summary>
    public GpuCost Times(double factor) => new(FixedMs * factor, PerItemMs * factor);

    public double LatencyMs(int batchSize) => FixedMs + PerItemMs * batchSize;

    public TimeSpan Latency(int batchSize) => TimeSpan.FromMilliseconds(LatencyMs(batchSize));

    /// <summary>GPU milliseconds per item when every batch holds <paramref name="batchSize"/> items.</summary>
    public double MsPerItemAt(int batchSize) => FixedMs / Math.Max(1, batchSize) + PerItemMs;

    /// <summary>Parses <c>A+B</c> (milliseconds), for example <c>40+4</c>.</summary>
    public static GpuCost Parse(string text, string option)
    {
        var parts = text.Split('+');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && a >= 0 && b >= 0)
            return new GpuCost(a, b);
        throw new ArgumentException($"{option}: expected A+B in milliseconds (for example 40+4), got '{text}'");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FixedMs:0.##} ms + {PerItemMs:0.##} ms·batch");
}
