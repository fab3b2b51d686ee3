using System.Diagnostics;
using System.Text.Json;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Tokenization;

public sealed class Llama3GoldenTests(Llama3GoldenFixture golden) : IClassFixture<Llama3GoldenFixture>
{
    [Fact]
    public void The_corpus_covers_every_arc_and_fpb_question_and_option()
    {
        Assert.True(golden.Lines.Count >= 2000, $"only {golden.Lines.Count} lines");
    }

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
            .Where(line => !line.Contains("<|", StringComparison.Ordinal))
            .Where(line => golden.Tokenizer.Decode(golden.Tokenizer.Encode(line)) != line)
            .Take(5)
            .Select(line => JsonSerializer.Serialize(line))
            .ToList();
        Assert.Empty(failures);
    }

    [Fact]
    public void Special_token_text_inside_a_line_becomes_the_special_token_and_is_kept_when_decoding_without_skipping()
    {
        var ids = golden.Tokenizer.Encode("a <|eot_id|> b");
        int eot = golden.Tokenizer.TokenToId("<|eot_id|>")!.Value;
        Assert.Contains(eot, ids);
        Assert.Equal("a <|eot_id|> b", golden.Tokenizer.Decode(ids, skipSpecialTokens: false));
        Assert.Equal("a  b", golden.Tokenizer.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void Adding_special_tokens_prepends_begin_of_text()
    {
        var plain = golden.Tokenizer.Encode("Hello world");
        var withSpecial = golden.Tokenizer.Encode("Hello world", addSpecialTokens: true);
        Assert.Equal([golden.Tokenizer.BosTokenId!.Value, .. plain], withSpecial);
    }

    [Fact]
    public void Llama3_reports_its_special_ids_and_kind()
    {
        var t = golden.Tokenizer;
        Assert.Equal(TokenizerKind.ByteLevelBpe, t.Kind);
        Assert.Equal(128256, t.VocabSize);
        Assert.Equal(t.TokenToId("<|begin_of_text|>"), t.BosTokenId);
        Assert.Equal(t.TokenToId("<|eot_id|>"), t.EosTokenIds[0]);
        Assert.Contains(t.TokenToId("<|end_of_text|>")!.Value, t.EosTokenIds);
        Assert.Null(t.PadTokenId);
        Assert.Equal("<|eot_id|>", t.IdToToken(t.EosTokenIds[0]));
    }

    [Fact]
    public void Encoding_five_thousand_fresh_lines_takes_a_few_seconds_at_most()
    {
        var fresh = HfTokenizer.Load(NodeGolden.Llama31ModelDirectory);
        var lines = Enumerable.Range(0, 5000).Select(i => golden.Lines[i % golden.Lines.Count] + " #" + i).ToList();
        var watch = Stopwatch.StartNew();
        long tokens = lines.Sum(l => (long)fresh.Encode(l).Count);
        watch.Stop();
        Assert.True(tokens > 50_000, $"only {tokens} tokens");
        // Typically about 1 s on a 2-core machine; the bound leaves room for a loaded CI box while catching a lost cache
        // or a quadratic regression.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"encoding 5,000 lines took {watch.Elapsed}");
    }
}
