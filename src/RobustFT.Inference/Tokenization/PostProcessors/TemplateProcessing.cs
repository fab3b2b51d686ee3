namespace RobustFT.Inference.Tokenization.PostProcessors;

/// <summary><c>TemplateProcessing</c> (single-sequence template): a list of special-token id runs and the sequence.</summary>
public sealed class TemplateProcessing(IReadOnlyList<TemplatePiece> single) : IPostProcessor
{
    public IReadOnlyList<int> Process(IReadOnlyList<int> ids, bool addSpecialTokens)
    {
        if (!addSpecialTokens) return ids;
        var result = new List<int>(ids.Count + 4);
        foreach (var piece in single)
        {
            if (piece.SpecialTokenIds is { } special) result.AddRange(special);
            else result.AddRange(ids);
        }

        return result;
    }
}
