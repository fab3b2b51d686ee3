namespace RobustFT.Cluster.Runs;

/// <summary>Maximum new tokens per step (config <c>robustft.inference.generator.max-new-tokens.*</c>).</summary>
public sealed record StepBudgets(int Base = 64, int Reasoning = 384, int Checker = 16, int Context = 64, int Review = 32);
