namespace RobustFT.Cluster.Tests.Persistence;

public sealed record CounterIncremented(Guid CorrelationId);
