using RobustFT.Core.Samples;
using RobustFT.Core.Tasks;

namespace RobustFT.Core.Answers;

/// <summary>Turns an extracted answer into a label fit for export, or null when it is not one.</summary>
public static class LabelNormalizer
{
    /// <summary>Multiple choice: the option letter when the answer names one of the sample's options — under
    /// <see cref="AnswerMatching.Reference"/> only when the answer is exactly that upper-case letter, under
    /// <see cref="AnswerMatching.Lenient"/> the first letter once case is folded and surrounding punctuation removed.
    /// Other kinds: the trimmed answer when non-empty.</summary>
    public static string? Normalize(string answer, Sample sample, TaskProfile profile, AnswerMatching matching)
    {
        var trimmed = answer.Trim();
        if (profile.Kind != TaskKind.MultipleChoice || !sample.IsMultipleChoice)
            return trimmed.Length == 0 ? null : trimmed;
        var letter = matching == AnswerMatching.Reference ? trimmed : AnswerMatcher.NormaliseLetter(trimmed);
        if (letter.Length == 0 || matching == AnswerMatching.Reference && letter.Length != 1) return null;
        var index = letter[0] - 'A';
        return index >= 0 && index < sample.Options.Count ? letter[..1] : null;
    }
}
