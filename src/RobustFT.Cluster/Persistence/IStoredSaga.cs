using MassTransit;

namespace RobustFT.Cluster.Persistence;

/// <summary>A saga the SQL repository can store: keyed by CorrelationId, grouped by run, versioned for optimistic concurrency.</summary>
public interface IStoredSaga : SagaStateMachineInstance, ISagaVersion
{
    string RunId { get; }

    string CurrentState { get; set; }
}
