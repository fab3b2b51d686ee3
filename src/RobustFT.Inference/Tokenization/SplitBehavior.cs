namespace RobustFT.Inference.Tokenization;

/// <summary>What a split does with the delimiter it matched (Hugging Face <c>SplitDelimiterBehavior</c>).</summary>
public enum SplitBehavior
{
    Removed,
    Isolated,
    MergedWithPrevious,
    MergedWithNext,
    Contiguous,
}
