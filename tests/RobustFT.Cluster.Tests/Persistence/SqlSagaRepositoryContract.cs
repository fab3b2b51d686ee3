using MassTransit;
using MassTransit.Saga;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Persistence;

namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>
/// The behaviour both dialects must show, run against a real database by each subclass. Every test works in its own
/// table, so tests never see each other's rows.
/// </summary>
public abstract class SqlSagaRepositoryContract
{
    protected readonly string Table = $"sagas_{Guid.NewGuid():N}"[..24];

    protected abstract IDbConnectionFactory Connections { get; }

    SqlSagaStore<CounterSaga> Store => new(Connections, Table);

    SqlSagaRepositorySettings<CounterSaga> Settings =>
        SqlSagaRepositorySettings<CounterSaga>.From(new SqlSagaRepositoryOptions { ConnectionFactory = Connections, TableName = Table });

    [Fact]
    public async Task An_initial_event_creates_the_row_at_version_one()
    {
        await using var bus = await StartBusAsync();
        var id = Guid.NewGuid();

        await bus.PublishAsync(new CounterStarted(id, "run-1"));

        Assert.True(await bus.Harness.Consumed.Any<CounterStarted>());
        var stored = await Eventually.ReadAsync(() => Store.GetAsync(id), s => s is not null);
        Assert.NotNull(stored);
        Assert.Equal("Counting", stored.CurrentState);
        Assert.Equal("run-1", stored.RunId);
        Assert.Equal(1, stored.Version);
        Assert.Equal(0, stored.Count);
        Assert.NotNull(await bus.Saga.Exists(id, machine => machine.Counting));
    }

    [Fact]
    public async Task A_second_event_updates_the_row_to_version_two()
    {
        await using var bus = await StartBusAsync();
        var id = Guid.NewGuid();
        await bus.PublishAsync(new CounterStarted(id, "run-1"));
        await Eventually.ReadAsync(() => Store.GetAsync(id), s => s is not null);

        await bus.PublishAsync(new CounterIncremented(id));

        var stored = await Eventually.ReadAsync(() => Store.GetAsync(id), s => s?.Version == 2);
        Assert.NotNull(stored);
        Assert.Equal(2, stored.Version);
        Assert.Equal(1, stored.Count);
        Assert.Equal("Counting", stored.CurrentState);
    }

    [Fact]
    public async Task Twenty_concurrent_increments_of_one_saga_lose_no_update()
    {
        await using var bus = await StartBusAsync();
        var id = Guid.NewGuid();
        await bus.PublishAsync(new CounterStarted(id, "run-1"));
        await Eventually.ReadAsync(() => Store.GetAsync(id), s => s is not null);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => bus.PublishAsync(new CounterIncremented(id))));

        var stored = await Eventually.ReadAsync(() => Store.GetAsync(id), s => s?.Count >= 20);
        Assert.NotNull(stored);
        Assert.Equal(20, stored.Count);
        Assert.Equal(21, stored.Version);
        await Task.Delay(200);
        Assert.Equal(20, (await Store.GetAsync(id))!.Count);
        Assert.False(await bus.Harness.Published.Any<Fault<CounterIncremented>>());
    }

    [Fact]
    public async Task Two_contexts_inserting_the_same_id_leave_one_winner_and_the_loser_gets_default()
    {
        await Store.EnsureSchemaAsync();
        var probe = new InsertRaceProbe(new SqlSagaRepositoryContextFactory<CounterSaga>(Settings,
            new SagaConsumeContextFactory<SqlSagaDatabaseContext<CounterSaga>, CounterSaga>()));
        var services = new ServiceCollection()
            .AddSingleton(probe)
            .AddMassTransitTestHarness(x => x.AddConsumer<InsertRaceConsumer>());
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = Guid.NewGuid();

        await harness.Bus.Publish(new InsertRace(id));
        var (winner, loser) = await probe.Result.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(winner);
        Assert.Equal(1, winner.Version);
        Assert.Null(loser);
        var stored = await Store.GetAsync(id);
        Assert.Equal("winner", stored!.RunId);
        Assert.Equal(1, stored.Version);
        await harness.Stop();
    }

    [Fact]
    public async Task Updating_a_stale_version_throws_a_concurrency_exception_and_keeps_the_newer_row()
    {
        await Store.EnsureSchemaAsync();
        var id = Guid.NewGuid();
        await using (var db = await OpenAsync())
        {
            Assert.True(await db.InsertAsync(new CounterSaga { CorrelationId = id, RunId = "run-1", CurrentState = "Counting" }));
            await db.CommitAsync();
        }

        CounterSaga stale;
        await using (var db = await OpenAsync())
            stale = (await db.LoadAsync(id))!;
        await using (var db = await OpenAsync())
        {
            var fresh = (await db.LoadAsync(id))!;
            fresh.Count = 7;
            await db.UpdateAsync(fresh);
            await db.CommitAsync();
        }

        stale.Count = 1;
        await using (var db = await OpenAsync())
        {
            var error = await Assert.ThrowsAsync<ConcurrencyException>(() => db.UpdateAsync(stale));
            Assert.Contains(id.ToString(), error.Message);
            Assert.Equal(1, stale.Version);
        }

        var stored = await Store.GetAsync(id);
        Assert.Equal(7, stored!.Count);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task A_finalized_saga_is_kept_in_its_final_state_without_SetCompletedWhenFinalized()
    {
        await using var bus = await StartBusAsync(deleteWhenFinalized: false);
        var id = Guid.NewGuid();
        await bus.PublishAsync(new CounterStarted(id, "run-1"));
        await Eventually.ReadAsync(() => Store.GetAsync(id), s => s is not null);

        await bus.PublishAsync(new CounterFinished(id));

        var stored = await Eventually.ReadAsync(() => Store.GetAsync(id), s => s?.CurrentState == "Final");
        Assert.Equal("Final", stored!.CurrentState);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task A_finalized_saga_is_deleted_with_SetCompletedWhenFinalized()
    {
        await using var bus = await StartBusAsync(deleteWhenFinalized: true);
        var id = Guid.NewGuid();
        await bus.PublishAsync(new CounterStarted(id, "run-1"));
        await Eventually.ReadAsync(() => Store.GetAsync(id), s => s is not null);

        await bus.PublishAsync(new CounterFinished(id));

        Assert.True(await bus.Harness.Consumed.Any<CounterFinished>());
        var stored = await Eventually.ReadAsync(() => Store.GetAsync(id), s => s is null);
        Assert.Null(stored);
    }

    [Fact]
    public async Task The_load_and_query_repositories_read_the_stored_instances()
    {
        await using var bus = await StartBusAsync();
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var other = Guid.NewGuid();
        foreach (var id in ids)
            await bus.PublishAsync(new CounterStarted(id, "run-q"));
        await bus.PublishAsync(new CounterStarted(other, "run-other"));
        await Eventually.ReadAsync(() => Store.CountByStateAsync("run-q"), c => c.GetValueOrDefault("Counting") == 2);

        var loaded = await bus.Services.GetRequiredService<ILoadSagaRepository<CounterSaga>>().Load(ids[0]);
        var missing = await bus.Services.GetRequiredService<ILoadSagaRepository<CounterSaga>>().Load(Guid.NewGuid());
        var found = await bus.Services.GetRequiredService<IQuerySagaRepository<CounterSaga>>()
            .Find(new SagaQuery<CounterSaga>(s => s.RunId == "run-q"));

        Assert.Equal("run-q", loaded.RunId);
        Assert.Null(missing);
        Assert.Equal(ids.OrderBy(x => x), found.OrderBy(x => x));
    }

    [Fact]
    public async Task The_store_counts_and_lists_per_state_isolated_per_run()
    {
        await Store.EnsureSchemaAsync();
        var counting = await SeedAsync("run-a", "Counting", 3);
        var final = await SeedAsync("run-a", "Final", 2);
        var otherRun = await SeedAsync("run-b", "Counting", 1);

        var counts = await Store.CountByStateAsync("run-a");
        Assert.Equal(2, counts.Count);
        Assert.Equal(3, counts["Counting"]);
        Assert.Equal(2, counts["Final"]);
        Assert.Equal(1, (await Store.CountByStateAsync("run-b"))["Counting"]);
        Assert.Empty(await Store.CountByStateAsync("run-none"));

        Assert.Equal(Sorted(counting.Concat(final)), (await Store.ListAsync("run-a")).Select(s => s.CorrelationId));
        Assert.Equal(Sorted(final), (await Store.ListAsync("run-a", "Final")).Select(s => s.CorrelationId));
        Assert.All(await Store.ListAsync("run-a", "Final"), s => Assert.Equal("Final", s.CurrentState));
        Assert.Equal(otherRun, (await Store.ListAsync("run-b")).Select(s => s.CorrelationId));

        Assert.Equal(Sorted(final), await Store.ListIdsAsync("run-a", ["Final"]));
        Assert.Equal(Sorted(counting.Concat(final)), await Store.ListIdsAsync("run-a", ["Final", "Counting", "Nowhere"]));
        Assert.Empty(await Store.ListIdsAsync("run-a", []));
        Assert.Equal(otherRun, await Store.ListIdsAsync("run-b", ["Counting", "Final"]));
    }

    [Fact]
    public async Task EnsureSchemaAsync_is_idempotent_even_when_called_concurrently()
    {
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => new SqlSagaStore<CounterSaga>(Connections, Table).EnsureSchemaAsync())));
        await Store.EnsureSchemaAsync();
        var ids = await SeedAsync("run-s", "Counting", 1);
        await Store.EnsureSchemaAsync();

        Assert.Equal(ids, await Store.ListIdsAsync("run-s", ["Counting"]));
    }

    [Fact]
    public void A_table_name_that_is_not_a_plain_identifier_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqlSagaStore<CounterSaga>(Connections, "sagas; DROP TABLE x"));
        Assert.Contains("not a plain SQL identifier", error.Message);
    }

    /// <summary>Creates the table first (as the coordinator does), so polling the store never races the first message.</summary>
    protected async Task<CounterHarness> StartBusAsync(bool deleteWhenFinalized = false)
    {
        await Store.EnsureSchemaAsync();
        return await CounterHarness.StartAsync(Connections, Table, deleteWhenFinalized);
    }

    protected Task<SqlSagaDatabaseContext<CounterSaga>> OpenAsync() =>
        SqlSagaDatabaseContext<CounterSaga>.OpenAsync(Connections, new SqlSagaStatements(Connections.Dialect, Table),
            new SqlSagaSerializer<CounterSaga>(), write: true);

    protected async Task<List<Guid>> SeedAsync(string runId, string state, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await using var db = await OpenAsync();
        foreach (var id in ids)
            Assert.True(await db.InsertAsync(new CounterSaga { CorrelationId = id, RunId = runId, CurrentState = state }));
        await db.CommitAsync();
        return Sorted(ids);
    }

    static List<Guid> Sorted(IEnumerable<Guid> ids) => ids.OrderBy(id => id.ToString("D"), StringComparer.Ordinal).ToList();
}
