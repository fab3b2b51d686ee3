using MassTransit.Middleware;
using MassTransit;
using MassTransit.Saga;

namespace RobustFT.Cluster.Persistence;

/// <summary>Reads outside of message consumption: load by id and query (used by test harnesses and tools).</summary>
public sealed class SqlSagaReadContext<TSaga> : BasePipeContext, QuerySagaRepositoryContext<TSaga>, LoadSagaRepositoryContext<TSaga>
    where TSaga : class, IStoredSaga
{
    readonly SqlSagaDatabaseContext<TSaga> _database;

    public SqlSagaReadContext(SqlSagaDatabaseContext<TSaga> database, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _database = database;
    }

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken)
    {
        var ids = await _database.FindAsync(query.GetFilter(), cancellationToken).ConfigureAwait(false);
        return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids);
    }

    public async Task<TSaga> Load(Guid correlationId) =>
        (await _database.LoadAsync(correlationId, CancellationToken).ConfigureAwait(false))!;
}
