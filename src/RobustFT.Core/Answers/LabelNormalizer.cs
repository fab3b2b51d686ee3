using RobustFT.Core.Samples;
using RobustFT.Core.Tasks;

namespace RobustFT.Core.Answers;

/// <summary>Turns an extracted answer into a label fit for export, or null when it is not one.</summary>
public static class LabelNormalizer
{
    /// <summary>Multiple choice: the option letter (upper case, surrounding punctuation removed) when it names one of the
    /// sample's options. Other kinds: the trimmed answer when non-empty.</summary>
    public static string? Normalize(string answer, Sample sample, TaskProfile profile)
    {
        var trimmed = answer.Trim();
        if (profile.Kind != TaskKind.MultipleChoice || !sample.IsMultipleChoice)
            return trimmed.Length == 0 ? null : trimmed;
        var letter = trimmed.Trim('(', ')', '.', ',', ':', ';', '*', '"', '\'').ToUpperInvariant();
        if (letter.Length == 0) return null;
        var index = letter[0] - 'A';
        return index >= 0 && index < sample.Options.Count ? letter[..1] : null;
    }
}
