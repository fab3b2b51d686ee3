using RobustFT.Core.Answers;
using RobustFT.Core.Method;
using RobustFT.Core.Tasks;

namespace RobustFT.Core.Tests.Method;

public class ConsistencyCheckerTests
{
    private static readonly TaskProfile Arc = TaskProfiles.Resolve("arc");

    [Theory]
    [InlineData("B", "B", "B", 1.0)]
    [InlineData("B", "B", "C", 0.5)]
    [InlineData("B", "A", "B", 0.5)]
    [InlineData("B", "A", "C", 0.0)]
    public void ScoreIsTheShareOfExpertsAgreeingWithTheLabel(string label, string baseAnswer, string reasoning, double expected) =>
        Assert.Equal(expected, ConsistencyChecker.Score(label, baseAnswer, reasoning, Arc, AnswerMatching.Reference));

    [Theory]
    [InlineData(AnswerMatching.Reference, 0.0)]
    [InlineData(AnswerMatching.Lenient, 1.0)]
    public void ScoreUsesTheGivenAnswerMatching(AnswerMatching matching, double expected) =>
        Assert.Equal(expected, ConsistencyChecker.Score("B", "b", "B.", Arc, matching));

    [Theory]
    [InlineData(1.0, CheckerRule.BothAgree, 1.0, true)]
    [InlineData(0.5, CheckerRule.BothAgree, 0.0, false)]
    [InlineData(0.5, CheckerRule.Threshold, 0.5, true)]
    [InlineData(0.0, CheckerRule.Threshold, 0.5, false)]
    public void RuleBasedCheckersDecideFromTheScore(double score, CheckerRule rule, double threshold, bool clean) =>
        Assert.Equal(clean, ConsistencyChecker.IsClean(score, rule, threshold));

    [Fact]
    public void TheLlmRuleCannotDecideFromAScore() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ConsistencyChecker.IsClean(1.0, CheckerRule.Llm, 1.0));

    [Theory]
    [InlineData("Answer: N", true)]
    [InlineData("Answer: n", true)]
    [InlineData("Answer: Y", false)]
    [InlineData("I cannot tell", false)]
    public void AnLlmVerdictIsCleanOnlyWhenItSaysN(string response, bool clean) =>
        Assert.Equal(clean, ConsistencyChecker.FromLlmVerdict(response));
}
