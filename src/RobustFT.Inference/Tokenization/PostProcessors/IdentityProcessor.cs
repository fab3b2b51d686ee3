namespace RobustFT.Inference.Tokenization.PostProcessors;

/// <summary><c>ByteLevel</c> post-processing only trims offsets, which this tokenizer does not track: ids pass through.</summary>
public sealed class IdentityProcessor : IPostProcessor
{
    public IReadOnlyList<int> Process(IReadOnlyList<int> ids, bool addSpecialTokens) => ids;
}
