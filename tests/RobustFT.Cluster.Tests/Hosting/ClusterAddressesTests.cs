using RobustFT.Cluster.Hosting;

namespace RobustFT.Cluster.Tests.Hosting;

/// <summary>Cluster formation from <c>robustft.cluster.*</c>: port 0 becomes a picked port the node seeds itself with,
/// "host:port" seeds become Akka addresses, the public hostname is what others (and the seed list) use.</summary>
public sealed class ClusterAddressesTests
{
    [Fact]
    public void Port_zero_without_seeds_picks_a_free_port_and_the_node_seeds_itself_with_it()
    {
        var addresses = ClusterAddresses.Resolve(new ClusterFormation("127.0.0.1", "", 0, [], 100, TimeSpan.FromSeconds(5)));

        Assert.InRange(addresses.Port, 1, 65535);
        Assert.Equal([$"akka.tcp://robustft@127.0.0.1:{addresses.Port}"], addresses.SeedNodes);
        Assert.Equal(addresses.SeedNodes[0], addresses.Self);
    }

    [Fact]
    public void Configured_seeds_become_akka_addresses_and_the_public_hostname_names_the_node()
    {
        var addresses = ClusterAddresses.Resolve(new ClusterFormation("0.0.0.0", "node-1.robustft", 4053,
            ["node-0.robustft:4053", "10.0.0.7:4100"], 100, TimeSpan.FromSeconds(5)));

        Assert.Equal(["akka.tcp://robustft@node-0.robustft:4053", "akka.tcp://robustft@10.0.0.7:4100"], addresses.SeedNodes);
        Assert.Equal(("0.0.0.0", 4053, "akka.tcp://robustft@node-1.robustft:4053"), (addresses.Hostname, addresses.Port, addresses.Self));
    }

    [Theory]
    [InlineData("node-0")]
    [InlineData("node-0:port")]
    [InlineData("node-0:70000")]
    [InlineData(":4053")]
    public void A_seed_that_is_not_host_and_port_is_an_error_naming_the_key(string seed)
    {
        var e = Assert.Throws<ArgumentException>(() => ClusterAddresses.Seed(seed));

        Assert.Contains("robustft.cluster.seed-nodes", e.Message);
        Assert.Contains($"'{seed}'", e.Message);
    }
}
