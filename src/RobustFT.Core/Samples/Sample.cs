namespace RobustFT.Core.Samples;

/// <summary>One supervised fine-tuning row: a question, its options (empty for open questions) and the given, possibly
/// noisy, label. <see cref="Line"/> is the 1-based line of the row in its source file. <see cref="Metadata"/> holds
/// extra columns (for example fpb's <c>gt</c>); the method never reads it.</summary>
public sealed record Sample(
    string Id,
    int Line,
    string Question,
    IReadOnlyList<string> Options,
    string Label,
    IReadOnlyDictionary<string, string> Metadata)
{
    public bool IsMultipleChoice => Options.Count > 0;
}
