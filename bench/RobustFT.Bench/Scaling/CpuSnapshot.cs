using System.Globalization;

namespace RobustFT.Bench.Scaling;

/// <summary>CPU time at one instant: this process's, and the whole machine's busy and total jiffies from
/// <c>/proc/stat</c> (every process on the machine, the broker and PostgreSQL included).</summary>
public sealed record CpuSnapshot(TimeSpan Process, long MachineBusy, long MachineTotal)
{
    public static CpuSnapshot Take()
    {
        long busy = 0, total = 0;
        if (File.Exists("/proc/stat"))
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
            total = fields.Take(8).Sum();
            busy = total - fields[3] - (fields.Length > 4 ? fields[4] : 0);
        }
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuSnapshot(self.TotalProcessorTime, busy, total);
    }

    /// <summary>Share of all cores that was busy between <paramref name="earlier"/> and this snapshot.</summary>
    public double MachineBusySince(CpuSnapshot earlier) =>
        MachineTotal == earlier.MachineTotal ? 0 : (double)(MachineBusy - earlier.MachineBusy) / (MachineTotal - earlier.MachineTotal);

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

}
