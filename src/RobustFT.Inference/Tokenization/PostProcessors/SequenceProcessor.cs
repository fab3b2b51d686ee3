namespace RobustFT.Inference.Tokenization.PostProcessors;

/// <summary><c>Sequence</c>: applies each post-processor in order.</summary>
public sealed class SequenceProcessor(IReadOnlyList<IPostProcessor> processors) : IPostProcessor
{
    public IReadOnlyList<int> Process(IReadOnlyList<int> ids, bool addSpecialTokens)
    {
        foreach (var p in processors) ids = p.Process(ids, addSpecialTokens);
        return ids;
    }
}
