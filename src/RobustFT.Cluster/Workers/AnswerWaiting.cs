namespace RobustFT.Cluster.Workers;

/// <summary>The retriever's note to itself: answer the next batch of a run's waiting requests. Local only.</summary>
internal sealed record AnswerWaiting(string RunId);
