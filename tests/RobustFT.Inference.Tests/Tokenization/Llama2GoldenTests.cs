using System.Text.Json;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Tokenization;

public sealed class Llama2GoldenTests(Llama2GoldenFixture golden) : IClassFixture<Llama2GoldenFixture>
{
    [Fact]
    public void Encoding_matches_the_reference_tokenizer_on_every_corpus_line()
    {
        var mismatches = golden.Mismatches();
        Assert.True(mismatches.Count == 0, $"lines differ from the reference; first ones:\n{string.Join('\n', mismatches)}");
    }

    [Fact]
    public void Decoding_the_encoding_gives_back_the_original_text()
    {
        var failures = golden.Lines
            .Where(line => !line.Contains('<'))
            .Where(line => golden.Tokenizer.Decode(golden.Tokenizer.Encode(line)) != line)
            .Take(5)
            .Select(line => $"{JsonSerializer.Serialize(line)} → {JsonSerializer.Serialize(golden.Tokenizer.Decode(golden.Tokenizer.Encode(line)))}")
            .ToList();
        Assert.Empty(failures);
    }

    [Fact]
    public void Characters_outside_the_vocabulary_are_encoded_as_byte_tokens()
    {
        var t = golden.Tokenizer;
        var tokens = t.Encode("\u0d9e").Select(id => t.IdToToken(id)).ToList();
        Assert.Contains(tokens, token => token is not null && token.StartsWith("<0x", StringComparison.Ordinal));
        Assert.Equal("\u0d9e", t.Decode(t.Encode("\u0d9e")));
    }

    [Fact]
    public void Sentencepiece_tokenizer_reports_kind_and_bos()
    {
        var t = golden.Tokenizer;
        Assert.Equal(TokenizerKind.SentencePieceBpe, t.Kind);
        Assert.Equal(t.TokenToId("<s>"), t.BosTokenId);
        Assert.Equal([t.TokenToId("</s>")!.Value], t.EosTokenIds);
        Assert.Equal(t.BosTokenId, t.Encode("hi", addSpecialTokens: true)[0]);
    }
}
