using RobustFT.Core.Answers;

namespace RobustFT.Core.Tests.Answers;

public class AnswerExtractorTests
{
    [Theory]
    [InlineData("Answer: B", "B")]
    [InlineData("Answer: B.", "B.")]
    [InlineData("answer:c", "c")]
    [InlineData("Some reasoning first.\nANSWER :  D because", "D")]
    [InlineData("Final answer:\nA", "A")]
    [InlineData("Answer: A\nAnswer: C", "A")]
    [InlineData("Answer: 1,234.5%", "1,234.5%")]
    public void TakesTheFirstTokenAfterTheFirstAnswerMarker(string response, string expected) =>
        Assert.Equal(expected, AnswerExtractor.Extract(response));

    [Theory]
    [InlineData("b is correct", "B")]
    [InlineData("C", "C")]
    [InlineData("the options say", "T")]
    public void WithoutAnAnswerMarkerTakesTheFirstCharacterUpperCased(string response, string expected) =>
        Assert.Equal(expected, AnswerExtractor.Extract(response));

    [Fact]
    public void AnEmptyResponseExtractsNothing() => Assert.Equal("", AnswerExtractor.Extract(""));
}
