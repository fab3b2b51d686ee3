namespace RobustFT.Bench.Scaling;

/// <summary>A database's write statistics: rows written per table and committed transactions (reads included: every
/// autocommit statement is a transaction). On SQLite, rows per table after the run and no transaction count.</summary>
public sealed record DatabaseWrites(IReadOnlyList<TableWrites> Tables, long Commits)
{
    public long RunRows => Tables.Sum(t => t.Total);
}
