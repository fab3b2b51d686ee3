using RobustFT.Core.Samples;

namespace RobustFT.Core.Datasets;

/// <summary>The samples read from a dataset file, in file order, and the rows that were rejected.</summary>
public sealed record DatasetReadResult(IReadOnlyList<Sample> Samples, IReadOnlyList<RejectedRow> Rejects);
