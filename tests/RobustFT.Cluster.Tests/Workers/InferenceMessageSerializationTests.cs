using Akka.TestKit.Xunit2;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Workers;
using Xunit.Abstractions;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>The messages between sample nodes and GPU workers cross the network: each, as the dispatcher sends it,
/// survives the actor system's serializer (the shipped bindings) unchanged (lists of chat messages, decoding options,
/// vectors, statuses).</summary>
public sealed class InferenceMessageSerializationTests(ITestOutputHelper output) : TestKit(Serialization.SerializationHocon.With(ClusterTestKit.Config), output: output)
{
    public static TheoryData<object> Messages => new()
    {
        InferenceRequests.Generate("run1", "s1", "reasoning-2") with { Options = new(MaxNewTokens: 64, Temperature: 0.7, Seed: 42, StopStrings: ["\n\n"], ScoreAlone: true) },
        new GenerateCompleted("run1/s1/base", "run1", "s1", "base", "Answer: B", [-0.5f, -0.25f], true, null),
        new GenerateCompleted("run1/s1/base", "run1", "s1", "base", "", [], false, "run cancelled"),
        InferenceRequests.Embed("run1", "s1"),
        new EmbedCompleted("run1/s1/embed", "run1", "s1", [0.6f, 0.8f], false, null),
        new RetrieveRequest("run1", "s1", [0.6f, 0.8f], 4),
        new RetrieveCompleted("run1", "s1", ["c1", "c2"], null),
        new WorkerStatus("akka.tcp://robustft@10.0.0.5:4053", "cuda:0", "cuda", "m", 128, 17, 950.5, 21.25, 123456, 789, DateTimeOffset.UtcNow),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_reads_back_equal_after_the_serializer(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var back = Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);

        Assert.IsType(message.GetType(), back);
        Assert.Equivalent(message, back, strict: true);
    }
}
