using Dapper;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Tests.Persistence;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary><see cref="RunLeases"/> on a real SQLite file and the real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RunLeasesTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task The_first_owner_takes_a_free_lease_and_a_second_owner_cannot_while_it_is_unexpired(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var leases = await LeasesAsync(db);
        var run = TestDatabase.UniqueId("run");

        Assert.True(await leases.TryAcquireAsync(run, "a", Long));
        Assert.False(await leases.TryAcquireAsync(run, "b", Long));
        Assert.Equal("a", await leases.OwnerAsync(run));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task The_owner_renews_its_lease_which_moves_the_expiry_and_keeps_others_out_even_after_the_old_expiry(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var leases = await LeasesAsync(db);
        var run = TestDatabase.UniqueId("run");

        Assert.True(await leases.TryAcquireAsync(run, "a", TimeSpan.Zero));
        var first = await ExpiresAtAsync(db, run);
        Assert.True(await leases.TryAcquireAsync(run, "a", Long));
        var renewed = await ExpiresAtAsync(db, run);

        Assert.True(renewed >= first + (long)Long.TotalMilliseconds, $"expiry {first} renewed to {renewed}");
        Assert.False(await leases.TryAcquireAsync(run, "b", Long));
        Assert.Equal("a", await leases.OwnerAsync(run));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Another_owner_takes_the_lease_once_it_expired_and_the_old_owner_cannot_renew_it_then(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var leases = await LeasesAsync(db);
        var run = TestDatabase.UniqueId("run");
        Assert.True(await leases.TryAcquireAsync(run, "a", TimeSpan.FromMilliseconds(50)));

        var taken = await Eventually.ReadAsync(() => leases.TryAcquireAsync(run, "b", Long), ok => ok, TimeSpan.FromSeconds(10));

        Assert.True(taken);
        Assert.Equal("b", await leases.OwnerAsync(run));
        Assert.False(await leases.TryAcquireAsync(run, "a", Long));
        Assert.Equal("b", await leases.OwnerAsync(run));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Releasing_frees_the_lease_at_once_but_only_the_owner_can_release_it(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var leases = await LeasesAsync(db);
        var run = TestDatabase.UniqueId("run");
        Assert.True(await leases.TryAcquireAsync(run, "a", Long));

        await leases.ReleaseAsync(run, "b");
        Assert.Equal("a", await leases.OwnerAsync(run));
        Assert.False(await leases.TryAcquireAsync(run, "b", Long));

        await leases.ReleaseAsync(run, "a");
        Assert.Null(await leases.OwnerAsync(run));
        Assert.True(await leases.TryAcquireAsync(run, "b", Long));
        Assert.Equal("b", await leases.OwnerAsync(run));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task The_owner_is_reported_only_while_its_lease_is_live(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var leases = await LeasesAsync(db);
        var run = TestDatabase.UniqueId("run");
        Assert.Null(await leases.OwnerAsync(run));

        Assert.True(await leases.TryAcquireAsync(run, "a", TimeSpan.FromMilliseconds(50)));
        var owner = await Eventually.ReadAsync(() => leases.OwnerAsync(run), o => o is null, TimeSpan.FromSeconds(10));

        Assert.Null(owner);
        Assert.Equal(1, await RowCountAsync(db, run));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Leases_of_different_runs_are_independent(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var leases = await LeasesAsync(db);
        var (first, second) = (TestDatabase.UniqueId("run"), TestDatabase.UniqueId("run"));

        Assert.True(await leases.TryAcquireAsync(first, "a", Long));
        Assert.True(await leases.TryAcquireAsync(second, "b", Long));
        await leases.ReleaseAsync(first, "a");

        Assert.Equal((null, "b"), (await leases.OwnerAsync(first), await leases.OwnerAsync(second)));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Ten_owners_racing_for_a_free_lease_leave_exactly_one_winner(string dialect)
    {
        await using var db = TestDatabase.Create(dialect, postgres);
        var leases = await LeasesAsync(db);
        var run = TestDatabase.UniqueId("run");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racers = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return (Owner: $"owner-{i}", Won: await leases.TryAcquireAsync(run, $"owner-{i}", Long));
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(racers);

        var winners = results.Where(r => r.Won).Select(r => r.Owner).ToList();
        Assert.Single(winners);
        Assert.Equal(winners[0], await leases.OwnerAsync(run));
        Assert.Equal(1, await RowCountAsync(db, run));
    }

    private static async Task<RunLeases> LeasesAsync(TestDatabase db)
    {
        var leases = new RunLeases(db.Connections);
        await leases.EnsureSchemaAsync();
        await leases.EnsureSchemaAsync();
        return leases;
    }

    private static async Task<long> ExpiresAtAsync(TestDatabase db, string run)
    {
        await using var c = await db.Connections.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT expires_at FROM run_leases WHERE run_id = @run", new { run });
    }

    private static async Task<long> RowCountAsync(TestDatabase db, string run)
    {
        await using var c = await db.Connections.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM run_leases WHERE run_id = @run", new { run });
    }
}
