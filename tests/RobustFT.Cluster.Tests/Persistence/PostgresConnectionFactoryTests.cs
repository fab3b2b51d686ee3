using System.Diagnostics;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Testing.Servers;

namespace RobustFT.Cluster.Tests.Persistence;

[Collection(PostgresCollection.Name)]
public sealed class PostgresConnectionFactoryTests
{
    private readonly PostgresServer _server;

    public PostgresConnectionFactoryTests(PostgresFixture postgres)
    {
        _server = postgres.Server;
    }

    [Fact]
    public async Task An_unreachable_server_fails_with_a_clear_error_after_the_configured_retries()
    {
        var port = FreePort.Next();
        await using var connections = new PostgresConnectionFactory(
            $"Host=127.0.0.1;Port={port};Database=robustft;Username=postgres;Timeout=2", startupAttempts: 3,
            startupDelay: TimeSpan.FromMilliseconds(20));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DatabaseUnreachableException>(() => connections.OpenAsync());

        Assert.StartsWith($"PostgreSQL at 127.0.0.1:{port}/robustft is not reachable: ", error.Message);
        Assert.Contains("3 attempts", error.Message);
        Assert.Equal(3, error.Attempts);
        Assert.NotNull(error.InnerException);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(60), TimeSpan.FromSeconds(10)); // waited 20 + 40 ms between tries
    }

    [Fact]
    public async Task A_server_that_comes_up_during_the_retries_is_used()
    {
        var readModel = new SampleReadModel(new PostgresConnectionFactory(_server.ConnectionString, ShippedDefaults.PostgresStartupAttempts));
        await readModel.EnsureSchemaAsync();
        await readModel.SaveAsync("run-restart", [new SampleRecord { RunId = "run-restart", SampleId = "s1", CurrentState = "Clean", FinalLabel = "B" }], offset: 5);

        await _server.StopAsync();
        await using var connections = new PostgresConnectionFactory(_server.ConnectionString, startupAttempts: 20,
            startupDelay: TimeSpan.FromMilliseconds(100));
        var opening = connections.OpenAsync();
        await Task.Delay(300);
        Assert.False(opening.IsCompleted);
        await _server.StartAsync();
        await using (await opening)
        {
        }

        var stored = await new SampleReadModel(connections).GetAsync("run-restart", "s1");
        Assert.Equal(("Clean", "B"), (stored!.CurrentState, stored.FinalLabel));
        Assert.Equal(5, await new SampleReadModel(connections).GetOffsetAsync("run-restart"));
    }

    [Fact]
    public void Describe_names_host_port_and_database_but_never_the_password()
    {
        var connections = new PostgresConnectionFactory("Host=db.internal;Port=5433;Database=runs;Username=robustft;Password=s3cret", startupAttempts: 1);

        Assert.Equal("postgres:db.internal:5433/runs", connections.Describe());
        Assert.DoesNotContain("s3cret", connections.Describe());
        Assert.Equal(SqlDialect.Postgres, connections.Dialect);
    }
}
