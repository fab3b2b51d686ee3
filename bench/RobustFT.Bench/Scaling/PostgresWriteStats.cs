using Npgsql;

namespace RobustFT.Bench.Scaling;

/// <summary>Reads <see cref="DatabaseWrites"/> of one database. PostgreSQL flushes a backend's statistics at most once a
/// second and when it exits, so read after the run's connections are closed: <see cref="ReadSettledAsync"/> repeats
/// the read until two in a row agree.</summary>
public static class PostgresWriteStats
{
    public static async Task<DatabaseWrites> ReadAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var tables = new List<TableWrites>();
        await using (var command = new NpgsqlCommand(
                         "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables ORDER BY relname", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                tables.Add(new TableWrites(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        await using var commits = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return new DatabaseWrites(tables, Convert.ToInt64(await commits.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    public static async Task<DatabaseWrites> ReadSettledAsync(string connectionString, CancellationToken ct)
    {
        var previous = await ReadAsync(connectionString, ct);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(750), ct);
            var current = await ReadAsync(connectionString, ct);
            if (current.RunRows == previous.RunRows) return current;
            previous = current;
        }
        return previous;
    }
}
