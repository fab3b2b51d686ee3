namespace RobustFT.Inference.Tokenization.Decoders;

/// <summary>Last stage, used by decode: rewrites the token strings (Hugging Face <c>decode_chain</c>); the result is
/// concatenated.</summary>
public interface IDecoder
{
    List<string> DecodeChain(List<string> tokens);
}
