namespace RobustFT.Inference.Tokenization.PostProcessors;

/// <summary>One element of a template: the ids of a special token, or (when null) the sequence itself.</summary>
public sealed record TemplatePiece(IReadOnlyList<int>? SpecialTokenIds)
{
    public static readonly TemplatePiece Sequence = new((IReadOnlyList<int>?)null);
}
