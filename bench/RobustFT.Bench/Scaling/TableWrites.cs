namespace RobustFT.Bench.Scaling;

/// <summary>Rows written to one table, from PostgreSQL's statistics (<c>pg_stat_user_tables</c>).</summary>
public sealed record TableWrites(string Table, long Inserted, long Updated, long Deleted)
{
    public long Total => Inserted + Updated + Deleted;
}
