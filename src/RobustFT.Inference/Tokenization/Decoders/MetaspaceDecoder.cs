using RobustFT.Inference.Tokenization.PreTokenizers;

namespace RobustFT.Inference.Tokenization.Decoders;

/// <summary><c>Metaspace</c>: the replacement char becomes a space; the first token loses its leading one unless the
/// prepend scheme is "never".</summary>
public sealed class MetaspaceDecoder(char replacement, PrependScheme prependScheme) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (i == 0 && prependScheme != PrependScheme.Never && token.Length > 0 && token[0] == replacement) token = token[1..];
            result.Add(token.Replace(replacement, ' '));
        }

        return result;
    }
}
