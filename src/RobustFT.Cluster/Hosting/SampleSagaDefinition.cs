using MassTransit;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;

namespace RobustFT.Cluster.Hosting;

/// <summary>The sample saga's endpoint: messages of one saga are partitioned so that a node never updates one saga
/// concurrently; across nodes the repository's optimistic version check plus retry resolves races; the in-memory
/// outbox sends a step's requests only after its new state is committed.</summary>
public sealed class SampleSagaDefinition : SagaDefinition<SampleSaga>
{
    private readonly int _partitions;

    public SampleSagaDefinition(RuntimeOptions options)
    {
        _partitions = options.SagaPartitions;
        EndpointName = "robustft-samples";
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<SampleSaga> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(10, 50, 100, 250, 500, 1000, 2000, 5000));
        endpointConfigurator.UseInMemoryOutbox(context);
        var partition = endpointConfigurator.CreatePartitioner(_partitions);
        sagaConfigurator.Message<StartSample>(m => m.UsePartitioner(partition, c => c.Message.CorrelationId));
        sagaConfigurator.Message<GenerateCompleted>(m => m.UsePartitioner(partition, c => c.Message.CorrelationId));
        sagaConfigurator.Message<EmbedCompleted>(m => m.UsePartitioner(partition, c => c.Message.CorrelationId));
        sagaConfigurator.Message<IndexReady>(m => m.UsePartitioner(partition, c => c.Message.CorrelationId));
        sagaConfigurator.Message<RetrieveCompleted>(m => m.UsePartitioner(partition, c => c.Message.CorrelationId));
        sagaConfigurator.Message<SelectionDecided>(m => m.UsePartitioner(partition, c => c.Message.CorrelationId));
    }
}
