namespace RobustFT.Core.Datasets;

/// <summary>A malformed input row that was skipped. <paramref name="Line"/> is the 1-based line on which the record
/// starts; <paramref name="Field"/> names the offending column (empty when the row as a whole is malformed);
/// <paramref name="Raw"/> is the row's text as it appears in the file.</summary>
public sealed record RejectedRow(string File, int Line, string Field, string Reason, string Raw);
