namespace RobustFT.Bench.Scaling;

/// <summary>Where one simulated GPU stood idle during a run: seconds before its first call, seconds after its last, and
/// the longer gaps between calls (each: seconds after the run's start, length in seconds).</summary>
public sealed record GpuIdle(double BeforeFirst, double AfterLast, IReadOnlyList<(double At, double Length)> Gaps)
{
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"idle {BeforeFirst:0.00} s before the first call, {AfterLast:0.00} s after the last, gaps [{string.Join(", ", Gaps.Select(g => $"{g.Length:0.00} s at {g.At:0.0}"))}]");
}
