namespace RobustFT.Cluster.Runs.Messages;

/// <summary>The runs row is marked ended: the run actor stops.</summary>
internal sealed record RunEnded
{
    public static readonly RunEnded Instance = new();
}
