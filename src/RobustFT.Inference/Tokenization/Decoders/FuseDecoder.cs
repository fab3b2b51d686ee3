namespace RobustFT.Inference.Tokenization.Decoders;

/// <summary><c>Fuse</c>: concatenates all tokens into one.</summary>
public sealed class FuseDecoder : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) => [string.Concat(tokens)];
}
