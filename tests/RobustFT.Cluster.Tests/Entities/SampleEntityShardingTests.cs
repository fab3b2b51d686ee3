using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.TestKit.Xunit2;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>The entity under a real Cluster Sharding region in a one-node cluster: commands reach it through the region,
/// results come back to the entity that asked; at a barrier it passivates (the shard stops it), and the barrier's
/// message through the region brings it back from its journal.</summary>
public sealed class SampleEntityShardingTests() : TestKit("""
    akka.loglevel = INFO
    akka.test.single-expect-default = 15s
    akka.actor.provider = cluster
    akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
    akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
    akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
    """)
{
    private const string Sample = "s1";

    [Fact]
    public async Task A_sharded_entity_passivates_at_the_first_barrier_and_the_barrier_message_restarts_it_from_its_journal()
    {
        await using var run = await EntityTestRun.CreateAsync();
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember.Status == MemberStatus.Up, TimeSpan.FromSeconds(20));
        var inference = CreateTestProbe();
        var retriever = CreateTestProbe();
        var region = await ClusterSharding.Get(Sys).StartAsync("sample", entityId => SampleEntity.Props(entityId, run.Services, inference.Ref, retriever.Ref),
            ClusterShardingSettings.Create(Sys), new SampleCommandExtractor(10));

        region.Tell(new StartSample(run.RunId, Sample));
        var base_ = inference.ExpectMsg<GenerateRequest>(TimeSpan.FromSeconds(10));
        var entity = inference.LastSender;
        Watch(entity);
        entity.Tell(Result(base_, "Answer: A"));
        entity.Tell(Result(inference.ExpectMsg<GenerateRequest>(), "Answer: A"));
        var embed = inference.ExpectMsg<EmbedRequest>();
        entity.Tell(new EmbedCompleted(embed.RequestId, run.RunId, Sample, [0.6f, 0.8f], false, null));

        ExpectTerminated(entity); // passivated by its shard at AwaitingIndex

        region.Tell(new IndexReady(run.RunId, Sample));
        var retrieve = retriever.ExpectMsg<RetrieveRequest>(TimeSpan.FromSeconds(10));
        Assert.Equal([0.6f, 0.8f], retrieve.Vector);
        var restarted = retriever.LastSender;
        Assert.NotEqual(entity, restarted);
        Assert.Equal(entity.Path, restarted.Path);
        restarted.Tell(new RetrieveCompleted(run.RunId, Sample, ["s2"], null));
        Assert.Equal(SampleSteps.Context, inference.ExpectMsg<GenerateRequest>().Step);
    }

    private static GenerateCompleted Result(GenerateRequest request, string text) =>
        new(request.RequestId, request.RunId, request.SampleId, request.Step, text, [-0.1f], false, null);
}
