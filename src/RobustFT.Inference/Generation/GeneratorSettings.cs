namespace RobustFT.Inference.Generation;

/// <summary>Model facts the generation loop needs: context window, end-of-sequence ids, the id fed to finished rows and
/// whether to record the entropy of every step's full distribution.</summary>
public sealed record GeneratorSettings(int ContextWindow, IReadOnlySet<int> EosTokenIds, int PadTokenId, bool ComputeEntropy = false);
