namespace RobustFT.Core.Datasets;

/// <summary>One input row before validation: its cells by column name (absent columns are missing from the map),
/// where it starts and its raw text.</summary>
public sealed record RawRow(string File, int Line, IReadOnlyDictionary<string, string?> Cells, string Raw);
