namespace RobustFT.Inference.Benchmarking;

/// <summary>One measured batch size: generated tokens per second through the generator and through raw ORT calls (best
/// of the repeats), and the share of the generator's time spent outside ORT.</summary>
public sealed record BenchResult(int Batch, int PromptLength, int NewTokens, double GeneratorTokensPerSecond, double RawTokensPerSecond, double OutsideOrt = 0)
{
    public double Ratio => GeneratorTokensPerSecond / RawTokensPerSecond;
}
