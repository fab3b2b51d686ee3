namespace RobustFT.Cluster.Hosting;

/// <summary>The Akka cluster role of each <see cref="NodeRoles"/> flag (sharding, singleton and the cluster view use them).</summary>
public static class RoleNames
{
    public const string Coordinator = "coordinator";
    public const string Sample = "sample";
    public const string Gpu = "gpu";
    public const string Dashboard = "dashboard";

    public static IReadOnlyList<string> Of(NodeRoles roles)
    {
        var names = new List<string>();
        if (roles.HasFlag(NodeRoles.Coordinator)) names.Add(Coordinator);
        if (roles.HasFlag(NodeRoles.Sample)) names.Add(Sample);
        if (roles.HasFlag(NodeRoles.Gpu)) names.Add(Gpu);
        if (roles.HasFlag(NodeRoles.Dashboard)) names.Add(Dashboard);
        return names;
    }
}
