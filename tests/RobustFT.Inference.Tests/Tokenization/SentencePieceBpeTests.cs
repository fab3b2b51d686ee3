using System.Text.Json;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Tokenization;

/// <summary>A small SentencePiece-style BPE: Metaspace pre-tokenizer, byte fallback, merges as [left, right] arrays.</summary>
public sealed class SentencePieceBpeTests
{
    private static readonly (string Left, string Right)[] Merges =
    [
        ("▁", "h"), ("e", "l"), ("l", "o"), ("▁h", "el"), ("▁hel", "lo"),
        ("▁", "w"), ("o", "r"), ("▁w", "or"), ("l", "d"), ("▁wor", "ld"),
    ];

    private const string ConfigJson = "{\"bos_token\": \"<s>\", \"eos_token\": \"</s>\"}";

    private static HfTokenizer Create(bool withByteTokens = true) => HfTokenizer.FromJson(Json(withByteTokens), ConfigJson);

    /// <summary>The tokenizer.json text of the small SentencePiece-style tokenizer.</summary>
    public static string Json(bool withByteTokens = true)
    {
        var vocab = new List<string> { "<unk>", "<s>", "</s>" };
        if (withByteTokens) vocab.AddRange(Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"));
        vocab.AddRange(["▁", "h", "e", "l", "o", "w", "r", "d"]);
        foreach (var (l, r) in Merges) vocab.Add(l + r);

        var json = new
        {
            added_tokens = new[] { "<unk>", "<s>", "</s>" }.Select((t, i) => new
            {
                id = i, content = t, single_word = false, lstrip = false, rstrip = false, normalized = false, special = true,
            }),
            normalizer = (object?)null,
            // add_prefix_space is what tokenizers 0.15–0.18 wrote next to prepend_scheme; @lenml/tokenizers needs it to
            // prepend at all (Hugging Face's Rust tokenizer goes by prepend_scheme alone, as HfTokenizer does).
            pre_tokenizer = new { type = "Metaspace", replacement = "▁", add_prefix_space = true, prepend_scheme = "first", split = true },
            post_processor = new
            {
                type = "TemplateProcessing",
                single = new object[] { new { SpecialToken = new { id = "<s>", type_id = 0 } }, new { Sequence = new { id = "A", type_id = 0 } } },
                special_tokens = new Dictionary<string, object> { ["<s>"] = new { id = "<s>", ids = new[] { 1 }, tokens = new[] { "<s>" } } },
            },
            decoder = new
            {
                type = "Sequence",
                decoders = new object[]
                {
                    new { type = "ByteFallback" }, new { type = "Fuse" }, new { type = "Metaspace", replacement = "▁", prepend_scheme = "first", split = true },
                },
            },
            model = new
            {
                type = "BPE",
                unk_token = "<unk>",
                fuse_unk = true,
                byte_fallback = true,
                vocab = vocab.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i),
                merges = Merges.Select(m => new[] { m.Left, m.Right }),
            },
        };
        return JsonSerializer.Serialize(json);
    }

    [Fact]
    public void Known_words_merge_by_rank_into_whole_pieces()
    {
        var t = Create();
        var tokens = t.Encode("hello world").Select(id => t.IdToToken(id)).ToList();
        Assert.Equal(["▁hello", "▁world"], tokens);
    }

    [Fact]
    public void Unknown_characters_fall_back_to_utf8_byte_tokens()
    {
        var t = Create();
        var tokens = t.Encode("hello ☃").Select(id => t.IdToToken(id)).ToList();
        Assert.Equal(["▁hello", "▁", "<0xE2>", "<0x98>", "<0x83>"], tokens);
    }

    [Fact]
    public void Decoding_byte_tokens_restores_the_original_text()
    {
        var t = Create();
        foreach (var text in new[] { "hello ☃ world", "hello 😀", "world hello" })
        {
            Assert.Equal(text, t.Decode(t.Encode(text, addSpecialTokens: true)));
        }
    }

    [Fact]
    public void Without_byte_tokens_consecutive_unknown_characters_fuse_into_one_unk()
    {
        var t = Create(withByteTokens: false);
        var tokens = t.Encode("hello ☃☃").Select(id => t.IdToToken(id)).ToList();
        Assert.Equal(["▁hello", "▁", "<unk>"], tokens);
    }

    [Fact]
    public void Bos_is_added_by_the_template_and_reported_with_eos()
    {
        var t = Create();
        Assert.Equal(1, t.Encode("hello", addSpecialTokens: true)[0]);
        Assert.Equal(1, t.BosTokenId);
        Assert.Equal([2], t.EosTokenIds);
        Assert.Equal(TokenizerKind.SentencePieceBpe, t.Kind);
    }

    [Fact]
    public void The_prefix_is_only_prepended_at_the_start_of_the_text_with_the_first_scheme()
    {
        var t = Create();
        var tokens = t.Encode("<s>hello").Select(id => t.IdToToken(id)).ToList();
        Assert.Equal(["<s>", "h", "el", "lo"], tokens);
    }
}
