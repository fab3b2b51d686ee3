using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Persistence;

namespace RobustFT.Cluster.Tests.Persistence;

public sealed class SqlSagaRepositoryRegistrationTests
{
    [Fact]
    public void Registering_without_a_connection_factory_fails_at_once_naming_the_setting()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddMassTransitTestHarness(x =>
            x.AddSagaStateMachine<CounterStateMachine, CounterSaga>().SqlRepository(o => o.TableName = "sagas")));

        Assert.Contains("SQL saga repository for CounterSaga is invalid", error.Message);
        Assert.Contains("ConnectionFactory must be set", error.Message);
    }

    [Fact]
    public void Registering_with_a_bad_table_name_fails_at_once_naming_the_setting()
    {
        var services = new ServiceCollection();
        var connections = new SqliteConnectionFactory(Path.Combine(Path.GetTempPath(), $"robustft-unused-{Guid.NewGuid():N}.db")); // never opened

        var error = Assert.Throws<InvalidOperationException>(() => services.AddMassTransitTestHarness(x =>
            x.AddSagaStateMachine<CounterStateMachine, CounterSaga>().SqlRepository(o =>
            {
                o.ConnectionFactory = connections;
                o.TableName = "1sagas";
            })));

        Assert.Contains("TableName", error.Message);
    }
}
