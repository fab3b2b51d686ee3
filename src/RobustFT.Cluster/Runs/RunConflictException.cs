namespace RobustFT.Cluster.Runs;

/// <summary>A run id is reused with different settings.</summary>
public sealed class RunConflictException(string message) : Exception(message);
