using MassTransit;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>GPU worker endpoints: MassTransit collects up to max-batch-size requests or waits max-wait and hands each
/// batch to a consumer call. Several consumer calls run at once, so batches that arrive while the model is busy wait
/// together in the node's model gate (<see cref="GenerationGate"/>, <see cref="EmbeddingGate"/>) and share its next
/// call; the prefetch covers the running calls, one full call waiting and one batch being collected.</summary>
public abstract class BatchConsumerDefinition<TConsumer, TMessage> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<Batch<TMessage>>
    where TMessage : class
{
    /// <summary>MassTransit consumer calls allowed per model call, counting the running calls and the next one: enough
    /// that batches of a quarter of max-batch-size can fill the gate's next call.</summary>
    public const int ConsumerCallsPerModelCall = 4;

    private readonly WorkerOptions _options;
    private readonly int _modelCalls;

    /// <param name="modelCalls">Model calls the endpoint's gate runs at once.</param>
    protected BatchConsumerDefinition(WorkerOptions options, string endpointName, int modelCalls)
    {
        _options = options;
        _modelCalls = modelCalls;
        EndpointName = endpointName;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var limit = Math.Max(1, _options.MaxBatchSize);
        var modelCalls = Math.Max(1, _modelCalls);
        endpointConfigurator.PrefetchCount = Math.Max(endpointConfigurator.PrefetchCount, limit * (modelCalls + 2));
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 2000));
        consumerConfigurator.Options<BatchOptions>(b => b
            .SetMessageLimit(limit)
            .SetTimeLimit(_options.MaxWait)
            .SetConcurrencyLimit(ConsumerCallsPerModelCall * (modelCalls + 1)));
    }
}
