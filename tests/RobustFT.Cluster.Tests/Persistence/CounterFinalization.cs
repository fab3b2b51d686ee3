namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>Whether <see cref="CounterStateMachine"/> deletes finalized instances (SetCompletedWhenFinalized) or keeps them.</summary>
public sealed record CounterFinalization(bool DeleteWhenFinalized);
