using Microsoft.Data.Sqlite;
using RobustFT.Cluster.Persistence;

namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>The repository contract on a real SQLite file in a temporary directory, plus SQLite specifics.</summary>
public sealed class SqliteSagaRepositoryTests : SqlSagaRepositoryContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"robustft-sqlite-{Guid.NewGuid():N}");
    private readonly SqliteConnectionFactory _connections;

    public SqliteSagaRepositoryTests()
    {
        _connections = new SqliteConnectionFactory(Path.Combine(_directory, "nested", "sagas.db"));
    }

    protected override IDbConnectionFactory Connections => _connections;

    [Fact]
    public async Task The_factory_creates_the_directory_and_opens_connections_in_WAL_with_a_busy_timeout_and_foreign_keys()
    {
        await using var connection = await _connections.OpenAsync();

        Assert.True(Directory.Exists(Path.Combine(_directory, "nested")));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.True(long.Parse(await ScalarAsync(connection, "PRAGMA busy_timeout")) >= 5000);
        Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys"));
        Assert.Equal($"sqlite:{Path.Combine(_directory, "nested", "sagas.db")}", _connections.Describe());
    }

    [Fact]
    public async Task Reopening_the_file_with_a_new_factory_reads_the_same_state_and_carries_on()
    {
        var id = Guid.NewGuid();
        await using (var bus = await StartBusAsync())
        {
            await bus.PublishAsync(new CounterStarted(id, "run-r"));
            await bus.PublishAsync(new CounterIncremented(id));
            await Eventually.ReadAsync(() => new SqlSagaStore<CounterSaga>(_connections, Table).GetAsync(id), s => s?.Count == 1);
        }

        SqliteConnection.ClearAllPools();
        var reopened = new SqliteConnectionFactory(Path.Combine(_directory, "nested", "sagas.db"));
        var store = new SqlSagaStore<CounterSaga>(reopened, Table);

        var stored = await store.GetAsync(id);
        Assert.NotNull(stored);
        Assert.Equal(("Counting", 1, 2, "run-r"), (stored.CurrentState, stored.Count, stored.Version, stored.RunId));

        await using (var bus = await CounterHarness.StartAsync(reopened, Table))
        {
            await bus.PublishAsync(new CounterIncremented(id));
            stored = await Eventually.ReadAsync(() => store.GetAsync(id), s => s?.Count == 2);
        }

        Assert.Equal((2, 3), (stored!.Count, stored.Version));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private static async Task<string> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
