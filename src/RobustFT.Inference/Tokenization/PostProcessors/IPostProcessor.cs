namespace RobustFT.Inference.Tokenization.PostProcessors;

/// <summary>Fourth pipeline stage: adds the model's special tokens (BOS, [CLS]/[SEP]) around an encoded sequence.</summary>
public interface IPostProcessor
{
    IReadOnlyList<int> Process(IReadOnlyList<int> ids, bool addSpecialTokens);
}
