using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RobustFT.Core.Tasks;

namespace RobustFT.Core.Answers;

/// <summary>Decides whether an extracted prediction agrees with a label, with the reference's semantics per task kind.</summary>
public static partial class AnswerMatcher
{
    public static bool Matches(string prediction, string label, TaskProfile profile, AnswerMatching matching) => profile.Kind switch
    {
        TaskKind.MultipleChoice => LettersMatch(prediction, label, matching),
        TaskKind.Numeric => NumbersMatch(prediction, label, profile.RelativeTolerance),
        TaskKind.Fuzzy => FuzzyMatch(prediction, label),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile.Kind, "unknown task kind"),
    };

    /// <summary><see cref="AnswerMatching.Reference"/>: the prediction equals the (trimmed) label, case included.
    /// <see cref="AnswerMatching.Lenient"/>: the common prefix of both strings (the longer cut to the shorter) is equal
    /// once case is folded and surrounding punctuation such as "B." or "(B)" is stripped.</summary>
    public static bool LettersMatch(string prediction, string label, AnswerMatching matching)
    {
        if (matching == AnswerMatching.Reference)
            return prediction.Length > 0 && string.Equals(prediction, label.Trim(), StringComparison.Ordinal);
        var p = NormaliseLetter(prediction);
        var g = NormaliseLetter(label);
        if (p.Length == 0 || g.Length == 0) return false;
        var n = Math.Min(p.Length, g.Length);
        return string.CompareOrdinal(p, 0, g, 0, n) == 0;
    }

    /// <summary>Lenient clean-up of a letter answer: trimmed, surrounding brackets and punctuation removed, upper case.</summary>
    public static string NormaliseLetter(string s) => s.Trim().Trim('(', ')', '.', ',', ':', ';', '*', '"', '\'').ToUpperInvariant();


    [GeneratedRegex(@"[-+]?[.]?[\d]+(?:,\d\d\d)*[\.]?\d*(?:[eE][-+]?\d+)?[%]*")]
    private static partial Regex NumberPattern();

    /// <summary>All numbers in a string, with thousands separators removed and each trailing <c>%</c> dividing by 100.</summary>
    public static IReadOnlyList<double> Numbers(string s)
    {
        var values = new List<double>();
        foreach (Match m in NumberPattern().Matches(s))
        {
            var text = m.Value.Replace(",", "");
            var percents = text.Length - text.TrimEnd('%').Length;
            text = text.TrimEnd('%');
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) continue;
            values.Add(v / Math.Pow(100, percents));
        }
        return values;
    }

    /// <summary>True when any number of the prediction is within <paramref name="relativeTolerance"/> of any number of
    /// the label (Python's <c>math.isclose</c> with <c>rel_tol</c>).</summary>
    public static bool NumbersMatch(string prediction, string label, double relativeTolerance)
    {
        var predicted = Numbers(prediction);
        foreach (var g in Numbers(label))
            foreach (var p in predicted)
                if (p == g || Math.Abs(p - g) <= relativeTolerance * Math.Max(Math.Abs(p), Math.Abs(g)))
                    return true;
        return false;
    }

    [GeneratedRegex(@"\b(a|an|the)\b")]
    private static partial Regex Articles();

    /// <summary>Lower case, no ASCII punctuation, no articles, single spaces.</summary>
    public static string Normalise(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s.ToLowerInvariant())
            if (!(c < 128 && char.IsPunctuation(c) || c < 128 && char.IsSymbol(c))) sb.Append(c);
        var noArticles = Articles().Replace(sb.ToString(), " ");
        return string.Join(' ', noArticles.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Normalised strings match when either contains the other; two empty strings match.</summary>
    public static bool FuzzyMatch(string prediction, string label)
    {
        var a = Normalise(prediction);
        var b = Normalise(label);
        if (a.Length == 0 || b.Length == 0) return a == b;
        return a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal);
    }
}
