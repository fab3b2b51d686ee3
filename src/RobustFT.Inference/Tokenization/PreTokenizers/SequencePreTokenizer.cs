namespace RobustFT.Inference.Tokenization.PreTokenizers;

/// <summary><c>Sequence</c>: each pre-tokenizer splits every piece the previous one produced.</summary>
public sealed class SequencePreTokenizer(IReadOnlyList<IPreTokenizer> preTokenizers) : IPreTokenizer
{
    public IEnumerable<string> PreTokenize(string text, bool atTextStart)
    {
        var pieces = new List<string> { text };
        foreach (var pre in preTokenizers)
        {
            var next = new List<string>(pieces.Count * 2);
            for (int i = 0; i < pieces.Count; i++) next.AddRange(pre.PreTokenize(pieces[i], atTextStart && i == 0));
            pieces = next;
        }

        return pieces;
    }
}
