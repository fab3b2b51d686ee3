using RobustFT.Cluster.Tests.Persistence;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>The projection on a real PostgreSQL 15 journal (the collection's server).</summary>
[Collection(PostgresCollection.Name)]
public sealed class SampleProjectionPostgresTests : SampleProjectionContract
{
    public SampleProjectionPostgresTests(PostgresFixture postgres) : this(postgres, TestDatabase.Create(TestDatabase.Postgres, postgres)) { }

    private SampleProjectionPostgresTests(PostgresFixture postgres, TestDatabase db) : base(db, JournalConfig.For(db, postgres.Server.ConnectionString)) { }
}
