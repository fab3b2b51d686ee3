namespace RobustFT.Inference.Benchmarking;

/// <summary>The mixed-length workload through one batching mode: generated tokens per second (best of the repeats),
/// mean batch occupancy (generating rows / batch rows over the decoder calls), decoder calls, prefills and requests
/// admitted into a batch that had rows still decoding.</summary>
public sealed record MixedBenchResult(string Mode, int Requests, int RunningRows, long GeneratedTokens, double TokensPerSecond, double Occupancy, long Calls, long Prefills)
{
    public long AdmittedRows { get; init; }
}
