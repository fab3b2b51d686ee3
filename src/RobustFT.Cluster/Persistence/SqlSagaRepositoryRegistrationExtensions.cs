using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;

namespace RobustFT.Cluster.Persistence;

public static class SqlSagaRepositoryRegistrationExtensions
{
    /// <summary>
    /// Persists the saga in a SQL table (SQLite or PostgreSQL, by the connection factory's dialect):
    /// <c>x.AddSagaStateMachine&lt;M, S&gt;().SqlRepository(o =&gt; o.ConnectionFactory = f)</c>.
    /// The options are validated here, so a missing connection factory fails at registration, not at the first message.
    /// </summary>
    public static ISagaRegistrationConfigurator<T> SqlRepository<T>(this ISagaRegistrationConfigurator<T> configurator,
        Action<SqlSagaRepositoryOptions> configure)
        where T : class, IStoredSaga
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(configure);

        var options = new SqlSagaRepositoryOptions();
        configure(options);
        var settings = SqlSagaRepositorySettings<T>.From(options);

        configurator.Repository(services =>
        {
            services.AddSingleton(settings);
            services.RegisterQuerySagaRepository<T, SqlSagaRepositoryContextFactory<T>>();
            services.RegisterLoadSagaRepository<T, SqlSagaRepositoryContextFactory<T>>();
            services.RegisterSagaRepository<T, SqlSagaDatabaseContext<T>, SagaConsumeContextFactory<SqlSagaDatabaseContext<T>, T>,
                SqlSagaRepositoryContextFactory<T>>();
        });

        return configurator;
    }
}
