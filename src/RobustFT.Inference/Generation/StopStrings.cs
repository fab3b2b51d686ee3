namespace RobustFT.Inference.Generation;

/// <summary>Finds the earliest stop string in generated text.</summary>
public static class StopStrings
{
    /// <summary>Index where the earliest stop string starts, or -1.</summary>
    public static int FindEarliest(string text, IReadOnlyList<string>? stops)
    {
        if (stops is null) return -1;
        var earliest = -1;
        foreach (var stop in stops)
        {
            if (stop.Length == 0) continue;
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (earliest < 0 || at < earliest)) earliest = at;
        }
        return earliest;
    }
}
