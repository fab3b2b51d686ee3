namespace RobustFT.Cluster.Samples.Events;

/// <summary>A generation step's result (or its error) was accepted.</summary>
public sealed record GenerationRecorded(string Step, string Text, float[] Logprobs, string? Error) : ISampleEvent;
