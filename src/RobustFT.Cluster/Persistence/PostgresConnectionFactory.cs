using System.Data.Common;
using Npgsql;

namespace RobustFT.Cluster.Persistence;

/// <summary>
/// Connections to PostgreSQL through one <see cref="NpgsqlDataSource"/>. The first open is a startup check: it retries
/// with exponential backoff and, when the server stays down, throws <see cref="DatabaseUnreachableException"/>
/// ("PostgreSQL at host:port/db is not reachable: …").
/// </summary>
public sealed class PostgresConnectionFactory : IDbConnectionFactory, IAsyncDisposable
{
    static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    readonly NpgsqlDataSource _dataSource;
    readonly string _endpoint;
    readonly int _startupAttempts;
    readonly TimeSpan _startupDelay;
    readonly SemaphoreSlim _startupGate = new(1, 1);
    bool _reachable;

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="startupAttempts">How many times the first open is tried before giving up (at least 1; config
    /// <c>robustft.store.postgres.startup-attempts</c>).</param>
    /// <param name="startupDelay">The wait after the first failed try; doubled after each further one, capped at 5 s.</param>
    public PostgresConnectionFactory(string connectionString, int startupAttempts, TimeSpan? startupDelay = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(startupAttempts, 1);

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _endpoint = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _startupAttempts = startupAttempts;
        _startupDelay = startupDelay ?? TimeSpan.FromMilliseconds(250);
        ArgumentOutOfRangeException.ThrowIfLessThan(_startupDelay, TimeSpan.Zero);
        ConnectionString = builder.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public SqlDialect Dialect => SqlDialect.Postgres;

    public string ConnectionString { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (!Volatile.Read(ref _reachable))
            await WaitUntilReachableAsync(ct).ConfigureAwait(false);

        return await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The startup check on its own: returns once a connection opened, throws when every attempt failed.</summary>
    public async Task WaitUntilReachableAsync(CancellationToken ct = default)
    {
        await _startupGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_reachable)
                return;

            var delay = _startupDelay;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                    Volatile.Write(ref _reachable, true);
                    return;
                }
                catch (Exception ex) when ((ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
                                           && !ct.IsCancellationRequested)
                {
                    if (attempt >= _startupAttempts)
                        throw new DatabaseUnreachableException(
                            $"PostgreSQL at {_endpoint} is not reachable: {ex.Message} (gave up after {attempt} attempts)", attempt, ex);
                    OnRetry?.Invoke($"PostgreSQL at {_endpoint} is not reachable ({ex.Message}); attempt {attempt} of {_startupAttempts}, retrying in {delay.TotalSeconds:0.#}s");
                }

                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
        finally
        {
            _startupGate.Release();
        }
    }

    /// <summary>Told each failed startup attempt (endpoint, attempt, next delay; never the password).</summary>
    public Action<string>? OnRetry { get; init; }

    public string Describe() => $"postgres:{_endpoint}";

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
