using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Runs.Events;
using RobustFT.Cluster.Samples.Events;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Tests.Serialization;

/// <summary>A realistic instance of every type the project's serializer writes, as the runtime builds them (collection
/// expressions for lists, NaN and infinities where the method produces them).</summary>
public static class MessageExamples
{
    public static GenerateRequest Generate { get; } = new(
        "run-7/arc-0042/review", "run-7", "arc-0042", "review",
        [
            ChatMessage.System("You are an expert in science questions. The answer must be uppercase letter."),
            ChatMessage.User("Which gas do plants take in for photosynthesis?\nA. oxygen\nB. carbon dioxide\nC. nitrogen\nD. helium"),
            ChatMessage.Assistant("Let's reason: plants fix carbon from the air... Answer: B"),
            ChatMessage.User("Review both answers and give the final one as a single letter. \"Quotes\", émigré, 漢字, \u0001."),
        ],
        new GenerationOptions(MaxNewTokens: 32, Temperature: 0.7, TopP: 0.95, TopK: 40, Seed: 1234567890123, StopStrings: ["\n\n", "</s>"], ScoreAlone: true));

    public static GenerateCompleted Completed { get; } = new(
        "run-7/arc-0042/review", "run-7", "arc-0042", "review", "Answer: B", [-0.0012f, -2.5f, float.NegativeInfinity, -1e-30f], true, null);

    public static IReadOnlyList<object> All { get; } =
    [
        new StartSample("run-7", "arc-0042"),
        new IndexReady("run-7", "arc-0042"),
        new SelectionDecided("run-7", "arc-0042", 17, true, 0.693147180559945),
        Generate,
        Generate with { Options = new GenerationOptions() },
        Completed,
        new GenerateCompleted("run-7/arc-0042/base", "run-7", "arc-0042", "base", "", [], false, "prompt longer than the context window"),
        new EmbedRequest("run-7/arc-0042/embed", "run-7", "arc-0042", "Which gas do plants take in for photosynthesis?"),
        new EmbedCompleted("run-7/arc-0042/embed", "run-7", "arc-0042", [0.12f, -0.5f, 0.33333334f, 0.7f], false, null),
        new RetrieveRequest("run-7", "arc-0042", [0.12f, -0.5f, 0.33333334f, 0.7f], 3),
        new RetrieveCompleted("run-7", "arc-0042", ["arc-0007", "arc-0100", "arc-0013"], null),
        new RetrieveCompleted("run-7", "arc-0042", [], "clean index of run-7 failed to load"),
        Status("cuda:0"),
        GetWorkers.Instance,
        GetWorkerStatus.Instance,
        new List<WorkerStatus> { Status("cuda:0"), Status("cpu") with { TokensPerSecond = double.NaN } },
        new ReturnUnstarted(12),
        new UnstartedReturned(["run-7/arc-0042/base", "run-7/arc-0042/embed"]),
        new UnstartedReturned([]),
        GetClusterSnapshot.Instance,
        new ClusterSnapshot(
            [new ClusterMember("akka.tcp://robustft@10.0.0.5:4053", ["coordinator", "sample"], "Up", true, true)],
            [Status("cuda:0")]),
        new SampleStarted("run-7", "arc-0042"),
        new GenerationRecorded("reasoning-1", "Step by step... Answer: B", [-0.1f, -0.25f, -3.75f], null),
        new GenerationRecorded("context", "", [], "run cancelled"),
        new EmbeddingRecorded([0.12f, -0.5f, 0.33333334f, 0.7f], null),
        new IndexReleased(),
        new NeighboursRecorded(["arc-0007", "arc-0100"], null),
        new SelectionRecorded(3, false, double.PositiveInfinity),
        new RunPhaseAdvanced(RunPhase.Retrieving),
        new RunPhaseAdvanced(RunPhase.Failed, "export: disk full"),
        new ThresholdDecided(double.PositiveInfinity),
    ];

    public static WorkerStatus Status(string device) => new(
        "akka.tcp://robustft@10.0.0.5:4053", device, "cuda", "Qwen2.5-0.5B-Instruct", 64, 17, 950.5, 21.25, 123456789012, 789,
        new DateTimeOffset(2026, 11, 29, 17, 20, 14, 123, TimeSpan.FromHours(1)).AddTicks(4567));
}
