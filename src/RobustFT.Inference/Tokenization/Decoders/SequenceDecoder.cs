namespace RobustFT.Inference.Tokenization.Decoders;

/// <summary><c>Sequence</c>: applies each decoder in order.</summary>
public sealed class SequenceDecoder(IReadOnlyList<IDecoder> decoders) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        foreach (var d in decoders) tokens = d.DecodeChain(tokens);
        return tokens;
    }
}
