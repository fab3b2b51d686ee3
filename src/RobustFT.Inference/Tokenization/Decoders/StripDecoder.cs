namespace RobustFT.Inference.Tokenization.Decoders;

/// <summary><c>Strip</c>: removes up to <c>start</c> leading and <c>stop</c> trailing occurrences of a char per token.</summary>
public sealed class StripDecoder(char content, int start, int stop) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        foreach (var token in tokens)
        {
            int from = 0;
            while (from < start && from < token.Length && token[from] == content) from++;
            int to = token.Length;
            while (token.Length - to < stop && to > from && token[to - 1] == content) to--;
            result.Add(token[from..to]);
        }

        return result;
    }
}
