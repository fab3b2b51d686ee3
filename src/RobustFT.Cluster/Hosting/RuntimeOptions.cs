using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Hosting;

/// <summary>Everything the actor runtime needs besides the models: roles, transport, store, batching, timing.</summary>
public sealed record RuntimeOptions(
    NodeRoles Roles,
    TransportOptions Transport,
    IDbConnectionFactory Store,
    WorkerOptions Worker,
    CoordinatorOptions Coordinator,
    int SagaPartitions = 64);
