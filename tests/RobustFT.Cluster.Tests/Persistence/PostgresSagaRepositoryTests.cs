using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>The repository contract on a real PostgreSQL server process.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSagaRepositoryTests : SqlSagaRepositoryContract, IAsyncLifetime
{
    private readonly PostgresConnectionFactory _connections;

    public PostgresSagaRepositoryTests(PostgresFixture postgres)
    {
        _connections = new PostgresConnectionFactory(postgres.Server.ConnectionString, ShippedDefaults.PostgresStartupAttempts);
    }

    protected override IDbConnectionFactory Connections => _connections;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _connections.DisposeAsync();
}
