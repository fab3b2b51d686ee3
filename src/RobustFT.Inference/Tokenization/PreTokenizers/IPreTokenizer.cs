namespace RobustFT.Inference.Tokenization.PreTokenizers;

/// <summary>Second pipeline stage: splits normalized text into pieces ("words") the model tokenizes one at a time.</summary>
public interface IPreTokenizer
{
    /// <param name="text">A piece of normalized text.</param>
    /// <param name="atTextStart">True when the piece starts at offset 0 of the original input (Metaspace's "first" scheme).</param>
    IEnumerable<string> PreTokenize(string text, bool atTextStart);
}
