using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Serialization;
using RobustFT.Cluster.Tests.Hosting;

namespace RobustFT.Cluster.Tests.Serialization;

/// <summary>A real node takes the bindings from the shipped configuration (hocon/robustft.conf's <c>akka</c> section),
/// and <c>robustft status</c>'s client, which is not a cluster member, reaches it with them.</summary>
public sealed class NodeSerializationTests
{
    [Fact]
    public async Task A_node_sends_and_stores_every_registered_type_with_the_project_serializer_and_status_reaches_it()
    {
        await using var fixture = new NodeFixture();
        var port = NodeFixture.FreePort();
        var node = await fixture.StartAsync(fixture.Options(NodeRoles.Coordinator | NodeRoles.Sample | NodeRoles.Dashboard, port));

        Assert.All(MessageExamples.All, m => Assert.IsType<RobustFtSerializer>(node.System.Serialization.FindSerializerFor(m)));

        await using var status = new ClusterStatusClient(fixture.Options(NodeRoles.None).Cluster with { SeedNodes = [$"127.0.0.1:{port}"] },
            TimeSpan.FromSeconds(30));
        var snapshot = await status.GetAsync(CancellationToken.None);
        Assert.Equal(node.Addresses.Self, Assert.Single(snapshot.Members).Address);
    }
}
