namespace RobustFT.Cluster.Runs;

/// <summary>A run's position relative to the two global barriers. Persisted; only moves forward.</summary>
public enum RunPhase
{
    Ingesting = 0,
    Detecting = 1,
    Retrieving = 2,
    Selecting = 3,
    Exporting = 4,
    Completed = 5,
    Failed = 6,
    Cancelled = 7,
}
