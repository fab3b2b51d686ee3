namespace RobustFT.Cluster.Runs.Messages;

/// <summary>The run actor's and the coordinator's timer: look at the store again.</summary>
internal sealed record RunTick
{
    public static readonly RunTick Instance = new();
}
