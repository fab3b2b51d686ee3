using Akka.Actor;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>The TestKit configuration of worker tests: a one-node cluster on 127.0.0.1 (DistributedPubSub needs the
/// cluster provider), joined to itself before a test starts.</summary>
public static class ClusterTestKit
{
    public const string Config = """
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
        akka.remote.dot-netty.tcp.port = 0
        akka.loglevel = INFO
        akka.log-dead-letters = off
        """;

    /// <summary>Joins <paramref name="system"/> to itself and waits until it is Up.</summary>
    public static void JoinSelf(ActorSystem system)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        if (!up.Task.Wait(TimeSpan.FromSeconds(20))) throw new TimeoutException($"{cluster.SelfAddress} did not become Up in 20 s");
    }
}
