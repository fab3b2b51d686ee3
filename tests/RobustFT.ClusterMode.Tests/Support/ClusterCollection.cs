namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>Cluster tests share one database server and use both cores: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterServers>
{
    public const string Name = "cluster mode";
}
