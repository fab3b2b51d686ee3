namespace RobustFT.Cluster.Tests.Persistence;

public sealed record CounterStarted(Guid CorrelationId, string RunId);
