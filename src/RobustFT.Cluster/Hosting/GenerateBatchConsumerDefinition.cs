using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

public sealed class GenerateBatchConsumerDefinition(WorkerOptions options)
    : BatchConsumerDefinition<GenerateBatchConsumer, Contracts.GenerateRequest>(options, "robustft-generate", options.GenerationModelCalls);
