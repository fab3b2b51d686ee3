namespace RobustFT.Cluster.Runs.Messages;

/// <summary>The run's exports are written.</summary>
internal sealed record RunExported
{
    public static readonly RunExported Instance = new();
}
