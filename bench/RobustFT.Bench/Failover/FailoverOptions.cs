namespace RobustFT.Bench.Failover;

/// <summary>Options of <c>RobustFT.Bench failover</c>.</summary>
/// <param name="Repeats">Clusters per scenario (each scenario runs on a fresh database and fresh nodes).</param>
/// <param name="Samples">Rows of arc noisy30 the run cleans (from the first).</param>
/// <param name="DelayMs">The scripted backend's sleep per model batch (ROBUSTFT_SCRIPTED_DELAY_MS): sets how long the run lasts.</param>
/// <param name="MaxBatch">robustft.inference.batching.max-batch-size of every process.</param>
/// <param name="KillAfterPast">The node is stopped once this many samples are past their first model call (detection under way).</param>
/// <param name="StableAfter">robustft.cluster.stable-after; null: the shipped default.</param>
/// <param name="Scenarios">kill (kill -9 of the singleton's node) and/or term (SIGTERM to it).</param>
/// <param name="Settings">Extra --set overrides for every node (to try an Akka setting).</param>
public sealed record FailoverOptions(int Repeats, int Samples, int DelayMs, int MaxBatch, int KillAfterPast, string? StableAfter,
    IReadOnlyList<string> Scenarios, IReadOnlyList<string> Settings, string? JsonPath, bool CompareExports)
{
    public const string Usage = "RobustFT.Bench failover [--repeats 3] [--samples 600] [--delay-ms 400] [--max-batch 4] [--kill-after 40] " +
                                "[--stable-after 5s] [--scenarios kill,term] [--set key=value]... [--json FILE] [--no-compare]";

    public static FailoverOptions Parse(IReadOnlyList<string> args)
    {
        var arguments = new BenchArguments(args);
        int Count(string name, int fallback) => arguments.Count(name, fallback, minimum: 1);

        var scenarios = (arguments.Value("--scenarios") ?? "kill,term").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (scenarios.Count == 0 || scenarios.Any(s => s is not ("kill" or "term"))) throw new ArgumentException("--scenarios: kill and/or term");
        return new FailoverOptions(
            Repeats: Count("--repeats", 3),
            Samples: Count("--samples", 600),
            DelayMs: Count("--delay-ms", 400),
            MaxBatch: Count("--max-batch", 4),
            KillAfterPast: Count("--kill-after", 40),
            StableAfter: arguments.Value("--stable-after"),
            Scenarios: scenarios,
            Settings: arguments.Values("--set"),
            JsonPath: arguments.Value("--json"),
            CompareExports: !arguments.Flag("--no-compare"));
    }
}
