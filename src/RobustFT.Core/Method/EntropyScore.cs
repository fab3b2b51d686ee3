namespace RobustFT.Core.Method;

/// <summary>A relabeled sample's entropy, the input of global selection.</summary>
public readonly record struct EntropyScore(string SampleId, double Entropy);
