namespace RobustFT.Cluster.Runs;

/// <summary>Maximum new tokens per step (config <c>robustft.inference.generator.max-new-tokens.*</c>).</summary>
public sealed record StepBudgets(int Base, int Reasoning, int Checker, int Context, int Review);
