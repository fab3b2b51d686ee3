namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The projection on a real SQLite journal in the test's own file.</summary>
public sealed class SampleProjectionSqliteTests : SampleProjectionContract
{
    public SampleProjectionSqliteTests() : this(TestDatabase.CreateSqlite()) { }

    private SampleProjectionSqliteTests(TestDatabase db) : base(db, JournalConfig.For(db)) { }
}
