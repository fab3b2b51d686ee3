namespace RobustFT.Inference.Tokenization.PreTokenizers;

/// <summary><c>WhitespaceSplit</c>: splits on whitespace and drops it.</summary>
public sealed class WhitespaceSplitPreTokenizer : IPreTokenizer
{
    public IEnumerable<string> PreTokenize(string text, bool atTextStart) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
