namespace RobustFT.Cluster.Workers;

/// <summary>The retriever's note to itself: a run's clean index is loaded (or failed to load: <paramref name="Error"/>).
/// Local only.</summary>
internal sealed record CleanIndexLoaded(string RunId, IReadOnlyList<(string Id, float[] Vector)>? Clean, Exception? Error);
