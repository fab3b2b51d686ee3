namespace RobustFT.Bench.Scaling;

/// <summary>What a simulated GPU did for one kind of call: calls, items, nominal GPU time (a + b·batch summed) and the
/// time the device was actually held (the nominal time plus timer overshoot).</summary>
public sealed record GpuUsage(long Calls, long Items, double NominalMs, double HeldMs)
{
    public static GpuUsage Empty { get; } = new(0, 0, 0, 0);

    public double AverageBatch => Calls == 0 ? 0 : (double)Items / Calls;

    public GpuUsage Add(int items, double nominalMs, double heldMs) => new(Calls + 1, Items + items, NominalMs + nominalMs, HeldMs + heldMs);

    public GpuUsage Plus(GpuUsage other) => new(Calls + other.Calls, Items + other.Items, NominalMs + other.NominalMs, HeldMs + other.HeldMs);
}
