namespace RobustFT.Inference.Tokenization.PostProcessors;

/// <summary><c>BertProcessing</c> (<c>[CLS] … [SEP]</c>) and <c>RobertaProcessing</c> (<c>&lt;s&gt; … &lt;/s&gt;</c>).</summary>
public sealed class WrappingProcessor(int startId, int endId) : IPostProcessor
{
    public IReadOnlyList<int> Process(IReadOnlyList<int> ids, bool addSpecialTokens)
    {
        if (!addSpecialTokens) return ids;
        var result = new List<int>(ids.Count + 2) { startId };
        result.AddRange(ids);
        result.Add(endId);
        return result;
    }
}
