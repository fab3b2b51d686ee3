using System.Text.RegularExpressions;

namespace RobustFT.Core.Answers;

/// <summary>Pulls the answer out of a model response as the reference does: the first token after an
/// <c>Answer:</c> marker (case-insensitive), else the response's first character upper-cased.</summary>
public static partial class AnswerExtractor
{
    [GeneratedRegex(@"(?i)Answer\s*:\s*([^\s]+)")]
    private static partial Regex AnswerLine();

    public static string Extract(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var match = AnswerLine().Match(response);
        if (match.Success) return match.Groups[1].Value;
        var trimmed = response.TrimStart();
        return trimmed.Length == 0 ? "" : char.ToUpperInvariant(trimmed[0]).ToString();
    }
}
