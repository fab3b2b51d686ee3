namespace RobustFT.Inference.Generation;

/// <summary>Model facts the generation loop needs: context window, end-of-sequence ids, the id fed to finished rows and
/// whether to record the entropy of every step's full distribution; and how a call's requests share the decoder:
/// at most <see cref="MaxRunningRows"/> rows decode together (0: every request of the call at once) and, with
/// <see cref="IterationLevel"/>, a waiting request is admitted as soon as a running row finishes instead of when the
/// whole running batch is done.</summary>
public sealed record GeneratorSettings(int ContextWindow, IReadOnlySet<int> EosTokenIds, int PadTokenId, bool ComputeEntropy = false)
{
    public int MaxRunningRows { get; init; }

    public bool IterationLevel { get; init; } = true;
}
