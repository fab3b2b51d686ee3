using System.Text;
using System.Text.RegularExpressions;
using RobustFT.Inference.Tokenization;
using RobustFT.Inference.Tokenization.Normalizers;
using RobustFT.Inference.Tokenization.PreTokenizers;

namespace RobustFT.Inference.Tests.Tokenization;

public sealed class PipelineStageTests
{
    private const string Llama3Pattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private static List<string> Pieces(string pattern, string text) =>
        SegmentSplitter.Split(text, new CodePointRegex(pattern).Matches(text), SplitBehavior.Isolated).ToList();

    [Fact]
    public void Code_point_regex_keeps_an_emoji_with_the_letters_that_follow_like_hugging_face()
    {
        Assert.Equal(["😀abc", " x"], Pieces(Llama3Pattern, "😀abc x"));
        // Plain .NET matching sees the surrogate pair as two "other" chars and splits differently.
        Assert.Equal(["😀", "abc"], Regex.Matches("😀abc", Llama3Pattern).Select(m => m.Value).ToList());
    }

    [Fact]
    public void Code_point_regex_treats_astral_letters_as_letters()
    {
        Assert.Equal(["a𠀀b", " 𝐀𝐁"], Pieces(Llama3Pattern, "a𠀀b 𝐀𝐁"));
    }

    [Theory]
    [InlineData(SplitBehavior.Removed, new[] { "a", "b" })]
    [InlineData(SplitBehavior.Isolated, new[] { "a", "-", "-", "b" })]
    [InlineData(SplitBehavior.MergedWithPrevious, new[] { "a-", "-", "b" })]
    [InlineData(SplitBehavior.MergedWithNext, new[] { "a", "-", "-b" })]
    [InlineData(SplitBehavior.Contiguous, new[] { "a", "--", "b" })]
    public void Split_behaviours_place_the_delimiter_like_hugging_face(SplitBehavior behavior, string[] expected)
    {
        var pre = SplitPreTokenizer.ForString("-", behavior, invert: false);
        Assert.Equal(expected, pre.PreTokenize("a--b", true).ToList());
    }

    [Fact]
    public void Digits_are_isolated_one_by_one_or_kept_as_runs()
    {
        Assert.Equal(["ab", "1", "2", "3", "c"], new DigitsPreTokenizer(true).PreTokenize("ab123c", true).ToList());
        Assert.Equal(["ab", "123", "c"], new DigitsPreTokenizer(false).PreTokenize("ab123c", true).ToList());
    }

    [Fact]
    public void Whitespace_pre_tokenizer_separates_words_from_punctuation()
    {
        Assert.Equal(["Hey", "friend", "!", "How", "are", "you", "?!"], new WhitespacePreTokenizer().PreTokenize("Hey friend!  How are you?!", true).ToList());
    }

    [Fact]
    public void Metaspace_replaces_spaces_and_splits_before_each_marker()
    {
        Assert.Equal(["▁Hey", "▁friend"], new MetaspacePreTokenizer('▁', PrependScheme.Always, split: true).PreTokenize("Hey friend", false).ToList());
        Assert.Equal(["Hey▁friend"], new MetaspacePreTokenizer('▁', PrependScheme.Never, split: false).PreTokenize("Hey friend", true).ToList());
    }

    [Fact]
    public void Unicode_normalizers_compose_and_decompose()
    {
        Assert.Equal("é", new UnicodeNormalizer(NormalizationForm.FormC).Normalize("e\u0301"));
        Assert.Equal("e\u0301", new UnicodeNormalizer(NormalizationForm.FormD).Normalize("é"));
        Assert.Equal("fi2", new UnicodeNormalizer(NormalizationForm.FormKC).Normalize("ﬁ²"));
    }

    [Fact]
    public void Sequence_of_normalizers_applies_each_in_order()
    {
        var n = new SequenceNormalizer([new StripNormalizer(true, true), new LowercaseNormalizer(), new PrependNormalizer("▁"), ReplaceNormalizer.ForString(" ", "▁")]);
        Assert.Equal("▁hello▁world", n.Normalize("  Hello World "));
    }

    [Fact]
    public void Added_tokens_match_longest_first_and_strip_whitespace_when_asked()
    {
        var splitter = new AddedTokenSplitter([
            new AddedToken(1, "<a>", true, false, false, false, false),
            new AddedToken(2, "<a><b>", true, false, false, false, false),
            new AddedToken(3, "<mask>", true, false, LStrip: true, RStrip: true, false),
        ]);
        var segments = splitter.Split("x<a><b>y <mask> z<a>");
        Assert.Equal(
            [TextSegment.Plain("x"), new TextSegment("<a><b>", 2), TextSegment.Plain("y"), new TextSegment("<mask>", 3), TextSegment.Plain("z"), new TextSegment("<a>", 1)],
            segments);
    }
}
