using MassTransit;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>GPU worker endpoints: MassTransit collects up to max-batch-size requests or waits max-wait, then hands the
/// batch to one consumer call.</summary>
public abstract class BatchConsumerDefinition<TConsumer, TMessage> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<Batch<TMessage>>
    where TMessage : class
{
    private readonly WorkerOptions _options;

    protected BatchConsumerDefinition(WorkerOptions options, string endpointName)
    {
        _options = options;
        EndpointName = endpointName;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var limit = Math.Max(1, _options.MaxBatchSize);
        endpointConfigurator.PrefetchCount = Math.Max(endpointConfigurator.PrefetchCount, limit * (_options.ConcurrentBatches + 1));
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 2000));
        consumerConfigurator.Options<BatchOptions>(b => b
            .SetMessageLimit(limit)
            .SetTimeLimit(_options.Wait)
            .SetConcurrencyLimit(Math.Max(1, _options.ConcurrentBatches)));
    }
}
