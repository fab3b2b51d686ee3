namespace RobustFT.Inference.Tests.Tokenization;

/// <summary>The real Llama 3.1 tokenizer (byte-level BPE) with reference ids for the golden corpus.</summary>
public sealed class Llama3GoldenFixture() : ReferenceTokenizerFixture("llama3_1");
