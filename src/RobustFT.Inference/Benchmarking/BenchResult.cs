namespace RobustFT.Inference.Benchmarking;

/// <summary>One measured configuration: generated tokens per second, best of the repeats.</summary>
public sealed record BenchResult(int Batch, int PromptLength, int NewTokens, double GeneratorTokensPerSecond, double RawTokensPerSecond)
{
    public double Ratio => GeneratorTokensPerSecond / RawTokensPerSecond;
}
