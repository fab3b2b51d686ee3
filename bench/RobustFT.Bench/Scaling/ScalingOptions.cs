using System.Globalization;

namespace RobustFT.Bench.Scaling;

/// <summary>Options of <c>RobustFT.Bench scaling</c>.</summary>
public sealed record ScalingOptions(
    int Samples,
    IReadOnlyList<int> NodeCounts,
    GpuCost Generate,
    GpuCost Embed,
    int MaxBatch,
    TimeSpan? MaxWait,
    double ErrorRate,
    string Split,
    int WarmupSamples,
    TimeSpan PollInterval,
    string? JsonPath,
    string Store,
    IReadOnlyList<int> HeterogeneousNodeCounts,
    int? MaxLiveSamples = null,
    TimeSpan? MemoryEvery = null,
    TimeSpan? ProjectionDelay = null,
    int GenerationCalls = 0,
    TimeSpan? Idle = null,
    bool Trace = false,
    string? Akka = null)
{
    public static ScalingOptions Parse(IReadOnlyList<string> args)
    {
        var arguments = new BenchArguments(args);
        string? Value(string name) => arguments.Value(name);
        int Int(string name, int fallback) => arguments.Count(name, fallback);

        var nodes = (Value("--nodes") ?? "1,2,4").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"--nodes: '{n}' is not a positive count"))
            .ToList();
        var error = Value("--error") is { } e ? double.Parse(e, CultureInfo.InvariantCulture) : 0.1;
        return new ScalingOptions(
            Samples: Int("--samples", 600),
            NodeCounts: nodes,
            Generate: GpuCost.Parse(Value("--gen-cost") ?? "40+4", "--gen-cost"),
            Embed: GpuCost.Parse(Value("--embed-cost") ?? "10+1", "--embed-cost"),
            MaxBatch: Int("--max-batch", 32),
            MaxWait: Value("--max-wait-ms") is null ? null : TimeSpan.FromMilliseconds(Int("--max-wait-ms", 0)),
            ErrorRate: error,
            Split: Value("--split") ?? "noisy30",
            WarmupSamples: Int("--warmup", 60),
            PollInterval: TimeSpan.FromMilliseconds(Int("--poll-ms", 200)),
            JsonPath: Value("--json"),
            Store: Value("--store") is { } store ? store is "postgres" or "sqlite" ? store : throw new ArgumentException($"--store: '{store}' is neither postgres nor sqlite") : "postgres",
            HeterogeneousNodeCounts: (Value("--hetero") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 1 ? v : throw new ArgumentException($"--hetero: '{n}' is not a node count above 1"))
                .ToList(),
            MaxLiveSamples: Value("--max-live") is null ? null : Int("--max-live", 0),
            MemoryEvery: Value("--memory-every-s") is null ? null : TimeSpan.FromSeconds(Int("--memory-every-s", 0)),
            ProjectionDelay: Value("--projection-ms") is null ? null : TimeSpan.FromMilliseconds(Int("--projection-ms", 0)),
            GenerationCalls: Int("--gen-calls", 0),
            Idle: Value("--idle-s") is null ? null : TimeSpan.FromSeconds(Int("--idle-s", 0)),
            Trace: arguments.Flag("--trace"),
            Akka: Value("--akka"));
    }

    public const string Usage =
        "RobustFT.Bench scaling [--samples 600] [--nodes 1,2,4] [--gen-cost 40+4] [--embed-cost 10+1] [--max-batch 32] " +
        "[--max-wait-ms MS (default: the shipped robustft.inference.batching.max-wait)] [--error 0.1] [--split noisy30] [--warmup 60] [--poll-ms 200] [--store postgres|sqlite] " +
        "[--hetero 2,4 (extra sets whose first GPU node is twice as slow)] [--max-live N (robustft.coordinator.max-live-samples)] " +
        "[--memory-every-s S (print resident memory every S seconds during each run)] " +
        "[--projection-ms MS (read journal refresh-interval and journal-sequence-retrieval.query-delay; shipped 50 ms)] " +
        "[--gen-calls N (generation model calls a worker's gate runs at once; default 0: the shipped onnx setting, 2 calls " +
        "feeding a continuous batch; the simulated GPU runs one call at a time like a static batcher, for which 1 is the " +
        "natural setting)] [--idle-s S (before each run, measure the CPU of the formed cluster, no run, over S seconds)] " +
        "[--trace (print each run's start time, the coordinator's log, timestamped, and every GPU's call sizes: where the GPUs' idle " +
        "time goes)] [--akka HOCON (over the shipped akka section, e.g. \"akka.scheduler.tick-duration = 25ms\")] [--json FILE]";
}
