namespace RobustFT.Inference.Tests.Onnx.Runtime;

/// <summary>The process's resident memory (VmRSS), after a full garbage collection.</summary>
internal static class ProcessMemory
{
    public static long ResidentBytesAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kib * 1024;
            }
        }

        throw new InvalidOperationException("VmRSS not found in /proc/self/status.");
    }
}
