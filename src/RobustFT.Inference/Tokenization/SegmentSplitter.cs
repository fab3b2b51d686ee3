namespace RobustFT.Inference.Tokenization;

/// <summary>Turns match ranges into pieces according to a <see cref="SplitBehavior"/>, exactly as Hugging Face's
/// <c>NormalizedString::split</c> does (empty pieces dropped).</summary>
public static class SegmentSplitter
{
    public static IEnumerable<string> Split(string text, IReadOnlyList<(int Start, int Length)> matches, SplitBehavior behavior, bool invert = false)
    {
        // Cover the whole text with (start, end, isMatch) segments.
        var segments = new List<(int Start, int End, bool IsMatch)>(matches.Count * 2 + 1);
        int cursor = 0;
        foreach (var (start, length) in matches)
        {
            if (start > cursor) segments.Add((cursor, start, invert));
            segments.Add((start, start + length, !invert));
            cursor = start + length;
        }

        if (cursor < text.Length) segments.Add((cursor, text.Length, invert));

        var pieces = Apply(segments, behavior);
        foreach (var (start, end) in pieces)
        {
            if (end > start) yield return text[start..end];
        }
    }

    private static List<(int Start, int End)> Apply(List<(int Start, int End, bool IsMatch)> segments, SplitBehavior behavior)
    {
        var acc = new List<(int Start, int End)>(segments.Count);
        switch (behavior)
        {
            case SplitBehavior.Isolated:
                foreach (var s in segments) acc.Add((s.Start, s.End));
                break;
            case SplitBehavior.Removed:
                foreach (var s in segments)
                {
                    if (!s.IsMatch) acc.Add((s.Start, s.End));
                }

                break;
            case SplitBehavior.Contiguous:
            {
                bool previousMatch = false;
                foreach (var s in segments)
                {
                    if (s.IsMatch && previousMatch && acc.Count > 0) acc[^1] = (acc[^1].Start, s.End);
                    else acc.Add((s.Start, s.End));
                    previousMatch = s.IsMatch;
                }

                break;
            }

            case SplitBehavior.MergedWithPrevious:
            {
                bool previousMatch = false;
                foreach (var s in segments)
                {
                    if (s.IsMatch && !previousMatch && acc.Count > 0) acc[^1] = (acc[^1].Start, s.End);
                    else acc.Add((s.Start, s.End));
                    previousMatch = s.IsMatch;
                }

                break;
            }

            case SplitBehavior.MergedWithNext:
            {
                bool previousMatch = false;
                for (int i = segments.Count - 1; i >= 0; i--)
                {
                    var s = segments[i];
                    if (s.IsMatch && !previousMatch && acc.Count > 0) acc[^1] = (s.Start, acc[^1].End);
                    else acc.Add((s.Start, s.End));
                    previousMatch = s.IsMatch;
                }

                acc.Reverse();
                break;
            }
        }

        return acc;
    }
}
