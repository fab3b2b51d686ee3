namespace RobustFT.Core.Datasets;

/// <summary>One CSV record: the 1-based line it starts on, its fields, its raw text (without the record terminator)
/// and, when the record is malformed (an unterminated quoted field), the reason.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string Raw, string? Error = null);
