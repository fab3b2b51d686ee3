using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Contracts;

/// <summary>What a GPU worker reports about itself (published every few seconds on the cluster's worker topic): where it
/// runs, its device and execution provider, how many requests it takes at once, and its recent throughput.</summary>
/// <param name="Address">The worker's node (akka.tcp://robustft@host:port).</param>
/// <param name="Capacity">Requests the worker accepts at once; dispatchers send no more than this.</param>
/// <param name="QueueDepth">Requests it holds now (waiting for the model or in a model call).</param>
/// <param name="BatchFill">Mean requests per model call since it started.</param>
public sealed record WorkerStatus(
    string Address,
    string Device,
    string ExecutionProvider,
    string ModelId,
    int Capacity,
    int QueueDepth,
    double TokensPerSecond,
    double BatchFill,
    long Tokens,
    long Requests,
    DateTimeOffset At) : IRobustFtMessage;
