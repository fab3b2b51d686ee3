namespace RobustFT.Cluster.Workers;

/// <summary>What the cache keeps of a completion.</summary>
public sealed record CachedGeneration(string Text, float[] Logprobs, int Tokens);
