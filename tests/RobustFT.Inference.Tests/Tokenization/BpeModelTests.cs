using RobustFT.Inference.Tokenization;
using RobustFT.Inference.Tokenization.Models;

namespace RobustFT.Inference.Tests.Tokenization;

public sealed class BpeModelTests
{
    private static List<int> Tokenize(BpeModel model, string piece)
    {
        var ids = new List<int>();
        model.Tokenize(piece, ids);
        return ids;
    }

    private static Vocabulary Vocab(params string[] tokens) =>
        new(tokens.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal));

    [Fact]
    public void Merges_apply_lowest_rank_first()
    {
        var model = new BpeModel(Vocab("a", "b", "c", "bc", "ab", "abc"), [("b", "c"), ("a", "b"), ("a", "bc")], new BpeOptions());
        // "b c" outranks "a b", so abc = a + bc, then a + bc → abc.
        Assert.Equal([5], Tokenize(model, "abc"));
        Assert.Equal([4], Tokenize(model, "ab"));
    }

    [Fact]
    public void Ignore_merges_takes_a_whole_word_from_the_vocabulary_first()
    {
        var vocab = Vocab("a", "b", "ab", "abab");
        Assert.Equal([2, 2], Tokenize(new BpeModel(vocab, [("a", "b")], new BpeOptions()), "abab"));
        Assert.Equal([3], Tokenize(new BpeModel(vocab, [("a", "b")], new BpeOptions(IgnoreMerges: true)), "abab"));
    }

    [Fact]
    public void Continuing_subword_prefix_marks_non_initial_symbols_and_is_dropped_when_merging()
    {
        var model = new BpeModel(Vocab("a", "##b", "##c", "ab", "abc"), [("a", "##b"), ("ab", "##c")], new BpeOptions(ContinuingSubwordPrefix: "##"));
        Assert.Equal([4], Tokenize(model, "abc"));
        Assert.Equal([0, 1], Tokenize(new BpeModel(Vocab("a", "##b", "##c", "ab", "abc"), [], new BpeOptions(ContinuingSubwordPrefix: "##")), "ab"));
    }

    [Fact]
    public void End_of_word_suffix_is_appended_to_the_last_symbol()
    {
        var model = new BpeModel(Vocab("a", "b</w>", "ab</w>", "<unk>"), [("a", "b</w>")], new BpeOptions(UnkToken: "<unk>", EndOfWordSuffix: "</w>"));
        Assert.Equal([2], Tokenize(model, "ab"));
        Assert.Equal([3], Tokenize(model, "a"));
    }

    [Fact]
    public void Unknown_chars_without_fuse_unk_each_become_unk()
    {
        var model = new BpeModel(Vocab("<unk>", "a"), [], new BpeOptions(UnkToken: "<unk>"));
        Assert.Equal([1, 0, 0, 1], Tokenize(model, "a☃☃a"));
    }

    [Fact]
    public void An_unk_token_missing_from_the_vocab_is_rejected()
    {
        var ex = Assert.Throws<TokenizerException>(() => new BpeModel(Vocab("a"), [], new BpeOptions(UnkToken: "<unk>")));
        Assert.Equal("tokenizer.json: model.unk_token '<unk>' is not in the vocab", ex.Message);
    }
}
