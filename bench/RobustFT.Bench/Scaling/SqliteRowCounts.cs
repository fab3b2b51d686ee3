using Microsoft.Data.Sqlite;

namespace RobustFT.Bench.Scaling;

/// <summary>Rows per table of a SQLite store after the run (SQLite keeps no write statistics: counted as inserts).</summary>
public static class SqliteRowCounts
{
    public static async Task<DatabaseWrites> ReadAsync(string path, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync(ct);
        var names = new List<string>();
        await using (var list = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        var tables = new List<TableWrites>();
        foreach (var name in names)
        {
            await using var count = new SqliteCommand($"SELECT COUNT(*) FROM \"{name}\"", connection);
            tables.Add(new TableWrites(name, Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture), 0, 0));
        }
        return new DatabaseWrites(tables, 0);
    }
}
