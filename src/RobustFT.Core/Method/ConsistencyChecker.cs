using RobustFT.Core.Answers;
using RobustFT.Core.Tasks;

namespace RobustFT.Core.Method;

/// <summary>The method's Checker: r = Checker(y, ŷ, ŷʳ) in [0, 1].</summary>
public static class ConsistencyChecker
{
    /// <summary>Share of the two experts (base and reasoning) whose extracted answer matches the label.</summary>
    public static double Score(string label, string baseAnswer, string reasoningAnswer, TaskProfile profile, AnswerMatching matching)
    {
        var agree = (AnswerMatcher.Matches(baseAnswer, label, profile, matching) ? 1 : 0)
                  + (AnswerMatcher.Matches(reasoningAnswer, label, profile, matching) ? 1 : 0);
        return agree / 2.0;
    }

    /// <summary>Clean or noisy under a rule-based checker. For <see cref="CheckerRule.Llm"/> use
    /// <see cref="FromLlmVerdict"/>.</summary>
    public static bool IsClean(double score, CheckerRule rule, double threshold) => rule switch
    {
        CheckerRule.BothAgree => score >= 1.0,
        CheckerRule.Threshold => score >= threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "an LLM checker decides from its verdict"),
    };

    /// <summary>An LLM checker answers Y (label looks noisy) or N (label looks reliable). Anything but N counts as noisy,
    /// so an unparseable verdict sends the sample through relabeling rather than trusting its label.</summary>
    public static bool FromLlmVerdict(string response) =>
        AnswerExtractor.Extract(response).StartsWith("N", StringComparison.OrdinalIgnoreCase);
}
