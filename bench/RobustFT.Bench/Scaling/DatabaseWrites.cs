namespace RobustFT.Bench.Scaling;

/// <summary>A database's write statistics: rows written per table and committed transactions (reads included: every
/// autocommit statement is a transaction).</summary>
public sealed record DatabaseWrites(IReadOnlyList<TableWrites> Tables, long Commits)
{
    /// <summary>The heartbeat table, reported apart from the run's own writes.</summary>
    public const string HeartbeatTable = "nodes";

    public long RunRows => Tables.Where(t => t.Table != HeartbeatTable).Sum(t => t.Total);

    public long HeartbeatRows => Tables.Where(t => t.Table == HeartbeatTable).Sum(t => t.Total);
}
