namespace RobustFT.Cluster.Tests.Persistence;

public sealed record CounterFinished(Guid CorrelationId);
