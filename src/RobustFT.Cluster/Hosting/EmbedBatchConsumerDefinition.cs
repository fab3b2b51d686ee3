using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

public sealed class EmbedBatchConsumerDefinition(WorkerOptions options)
    : BatchConsumerDefinition<EmbedBatchConsumer, Contracts.EmbedRequest>(options, "robustft-embed", options.ConcurrentBatches);
