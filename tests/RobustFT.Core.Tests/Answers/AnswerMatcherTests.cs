using RobustFT.Core.Answers;
using RobustFT.Core.Tasks;

namespace RobustFT.Core.Tests.Answers;

public class AnswerMatcherTests
{
    private static readonly TaskProfile Arc = TaskProfiles.Resolve("arc");
    private static readonly TaskProfile ConvFinQa = TaskProfiles.Resolve("convfinqa");
    private static readonly TaskProfile Drop = TaskProfiles.Resolve("drop");

    private static bool Check(string response, string label, TaskProfile profile, AnswerMatching matching) =>
        AnswerMatcher.Matches(AnswerExtractor.Extract(response), label, profile, matching);

    [Theory]
    [InlineData("Answer: B", "B", true)]
    [InlineData("Answer: B.", "B", true)]
    [InlineData("Answer: (B)", "B", true)]
    [InlineData("Answer: b", "B", true)]
    [InlineData("Answer: C", "B", false)]
    [InlineData("Answer: Because", "B", true)]
    [InlineData("b, I think", "B", true)]
    [InlineData("I think B", "B", false)]
    [InlineData("", "B", false)]
    public void LenientMultipleChoiceComparesTheCommonPrefixOfTheExtractedLetter(string response, string label, bool expected) =>
        Assert.Equal(expected, Check(response, label, Arc, AnswerMatching.Lenient));

    [Theory]
    [InlineData("Answer: 42", "42", true)]
    [InlineData("Answer: 42.0", "42", true)]
    [InlineData("Answer: 50%", "0.5", true)]
    [InlineData("Answer: 1,234", "1234", true)]
    [InlineData("Answer: 1,234,567.5", "1234567.5", true)]
    [InlineData("Answer: 99", "100", true)]
    [InlineData("Answer: 101", "100", true)]
    [InlineData("Answer: 98.9", "100", false)]
    [InlineData("Answer: 102", "100", false)]
    [InlineData("Answer: -5", "5", false)]
    [InlineData("Answer: 12.5%", "0.125", true)]
    [InlineData("Answer: none", "3", false)]
    [InlineData("Answer: 3", "between 2 and 3", true)]
    public void NumericMatchesAnyNumberWithinOnePercentRelative(string response, string label, bool expected) =>
        Assert.Equal(expected, Check(response, label, ConvFinQa, AnswerMatching.Reference));

    [Fact]
    public void NumbersHandlePercentAndThousandsSeparators() =>
        Assert.Equal([0.5, 1234.0, 2.0], AnswerMatcher.Numbers("50% of 1,234 is 2"));

    [Theory]
    [InlineData("Answer: Paris.", "paris", true)]
    [InlineData("Answer: The", "", true)]
    [InlineData("Answer: Eiffel", "the Eiffel Tower", true)]
    [InlineData("Answer: tower!", "Tower", true)]
    [InlineData("Answer: London", "Paris", false)]
    [InlineData("Answer: cat", "", false)]
    [InlineData("Answer: a", "an", true)]
    public void FuzzyNormalisesThenAcceptsContainmentEitherWay(string response, string label, bool expected) =>
        Assert.Equal(expected, Check(response, label, Drop, AnswerMatching.Reference));

    [Theory]
    [InlineData("The  Quick, brown fox!", "quick brown fox")]
    [InlineData("An apple a day", "apple day")]
    [InlineData("theatre", "theatre")]
    [InlineData("  ", "")]
    public void NormaliseLowersStripsPunctuationArticlesAndSpaces(string input, string expected) =>
        Assert.Equal(expected, AnswerMatcher.Normalise(input));
}
