using System.Text.Json;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Tokenization;

/// <summary>A small BERT-style tokenizer.json: BertNormalizer, BertPreTokenizer, WordPiece, BertProcessing, WordPiece decoder.</summary>
public sealed class WordPieceTokenizerTests
{
    private static readonly string[] Vocab =
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cafe", "un", "##aff", "##able", ",", ".", "hello", "world", "!", "中", "##s", "run"];

    private static int Id(string token) => Array.IndexOf(Vocab, token);

    private static HfTokenizer Create(int maxInputCharsPerWord = 100) => HfTokenizer.FromJson(Json(maxInputCharsPerWord));

    /// <summary>The tokenizer.json text of the small BERT-style tokenizer.</summary>
    public static string Json(int maxInputCharsPerWord = 100)
    {
        var json = new
        {
            version = "1.0",
            added_tokens = new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]" }.Select((t, i) => new
            {
                id = i, content = t, single_word = false, lstrip = false, rstrip = false, normalized = false, special = true,
            }),
            normalizer = new { type = "BertNormalizer", clean_text = true, handle_chinese_chars = true, strip_accents = (bool?)null, lowercase = true },
            pre_tokenizer = new { type = "BertPreTokenizer" },
            post_processor = new { type = "BertProcessing", sep = new object[] { "[SEP]", 3 }, cls = new object[] { "[CLS]", 2 } },
            decoder = new { type = "WordPiece", prefix = "##", cleanup = true },
            model = new
            {
                type = "WordPiece",
                unk_token = "[UNK]",
                continuing_subword_prefix = "##",
                max_input_chars_per_word = maxInputCharsPerWord,
                vocab = Vocab.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i),
            },
        };
        return JsonSerializer.Serialize(json);
    }

    [Fact]
    public void Words_split_into_the_longest_pieces_with_hash_continuations()
    {
        var ids = Create().Encode("Hello, unaffable world!");
        Assert.Equal([Id("hello"), Id(","), Id("un"), Id("##aff"), Id("##able"), Id("world"), Id("!")], ids);
    }

    [Fact]
    public void Accents_are_stripped_and_text_lowercased_before_lookup()
    {
        Assert.Equal([Id("cafe"), Id("run"), Id("##s"), Id(".")], Create().Encode("Café RUNS."));
    }

    [Fact]
    public void A_word_with_an_unmatched_remainder_becomes_one_unknown_token()
    {
        Assert.Equal([Id("the"), Id("[UNK]"), Id("world")], Create().Encode("the unaffablex world"));
    }

    [Fact]
    public void A_word_longer_than_max_input_chars_per_word_is_unknown()
    {
        Assert.Equal([Id("[UNK]"), Id("the")], Create(maxInputCharsPerWord: 5).Encode("unaffable the"));
    }

    [Fact]
    public void Chinese_characters_are_split_out_as_their_own_words()
    {
        Assert.Equal([Id("the"), Id("中"), Id("world")], Create().Encode("the中world"));
    }

    [Fact]
    public void Special_tokens_wrap_the_sequence_in_cls_and_sep()
    {
        Assert.Equal([Id("[CLS]"), Id("hello"), Id("[SEP]")], Create().Encode("hello", addSpecialTokens: true));
    }

    [Fact]
    public void Decoding_joins_continuations_and_cleans_up_spaces_before_punctuation()
    {
        var t = Create();
        Assert.Equal("hello, unaffable world!", t.Decode(t.Encode("Hello, unaffable world!", addSpecialTokens: true)));
        Assert.Equal(TokenizerKind.WordPiece, t.Kind);
        Assert.Equal(Vocab.Length, t.VocabSize);
    }
}
