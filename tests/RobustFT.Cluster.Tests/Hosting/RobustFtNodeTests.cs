using Akka.Cluster.Sharding;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Tests.Persistence;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Hosting;

/// <summary>Real nodes on 127.0.0.1: an embedded node forms a one-node cluster on a free port; a second node joins its
/// seed; a disposed node leaves; an unreachable PostgreSQL stops the start before Akka starts.</summary>
public sealed class RobustFtNodeTests
{
    [Fact]
    public async Task An_embedded_node_is_an_up_member_on_a_picked_port_with_every_role_and_holds_the_coordinator()
    {
        await using var fixture = new NodeFixture();
        var node = await fixture.StartAsync(fixture.Options(NodeRoles.Coordinator | NodeRoles.Sample | NodeRoles.Dashboard));

        Assert.True(node.IsReady);
        Assert.NotEqual(0, node.Addresses.Port);
        var snapshot = await node.Services.GetRequiredService<IClusterView>().GetAsync(CancellationToken.None);
        var member = Assert.Single(snapshot.Members);
        Assert.Equal($"akka.tcp://robustft@127.0.0.1:{node.Addresses.Port}", member.Address);
        Assert.Equal(["coordinator", "dashboard", "sample"], member.Roles);
        Assert.Equal("Up", member.Status);
        Assert.True(member.Reachable);
        Assert.True(member.Coordinator);
    }

    [Fact]
    public async Task The_shipped_idle_passivation_of_sample_entities_reaches_sharding_and_outlasts_the_request_timeout()
    {
        await using var fixture = new NodeFixture();
        var node = await fixture.StartAsync(fixture.Options(NodeRoles.Coordinator | NodeRoles.Sample));

        var idle = ClusterShardingSettings.Create(node.System).PassivateIdleEntityAfter;
        Assert.Equal(TimeSpan.FromMinutes(30), idle); // Akka's own default is 120 s
        Assert.True(idle > ShippedDefaults.Config.Entity().RequestTimeout);
    }

    [Fact]
    public async Task The_shipped_scheduler_tick_reaches_the_actor_system_and_is_no_coarser_than_any_shipped_akka_timer()
    {
        await using var fixture = new NodeFixture();
        var node = await fixture.StartAsync(fixture.Options(NodeRoles.Coordinator | NodeRoles.Sample));

        var config = node.System.Settings.Config;
        var tick = config.GetTimeSpan("akka.scheduler.tick-duration");
        Assert.Equal(TimeSpan.FromMilliseconds(50), tick); // Akka's own default is 10 ms: 100 wake-ups a second
        var timers = new[]
        {
            config.GetTimeSpan("akka.persistence.query.journal.sql.refresh-interval"),
            config.GetTimeSpan("akka.persistence.query.journal.sql.journal-sequence-retrieval.query-delay"),
            ShippedDefaults.Config.Coordinator().PollInterval,
        };
        // A timer fires at the first tick after it is due: one shorter than a tick would fire a tick late every time.
        Assert.All(timers, t => Assert.True(t >= tick, $"{t} is shorter than a scheduler tick ({tick})"));
    }

    [Fact]
    public async Task The_shipped_journal_settings_reach_the_journal_plugin_over_the_store_s_connection()
    {
        await using var fixture = new NodeFixture();
        var node = await fixture.StartAsync(fixture.Options(NodeRoles.Coordinator | NodeRoles.Sample));

        var journal = node.System.Settings.Config.GetConfig("akka.persistence.journal.sql");
        Assert.Equal("Csv", journal.GetString("tag-write-mode"));
        Assert.Equal("Csv", node.System.Settings.Config.GetString("akka.persistence.query.journal.sql.tag-read-mode"));
        Assert.Equal(TimeSpan.FromSeconds(30), journal.GetTimeSpan("circuit-breaker.call-timeout"));
        Assert.Contains(fixture.DatabasePath, journal.GetString("connection-string"));
    }

    [Fact]
    public async Task A_node_joins_its_seed_and_the_oldest_coordinator_member_holds_the_singleton_until_it_leaves()
    {
        await using var fixture = new NodeFixture();
        var port = NodeFixture.FreePort();
        var seed = await fixture.StartAsync(fixture.Options(NodeRoles.Coordinator | NodeRoles.Sample, port));
        var joiner = await fixture.StartAsync(fixture.Options(NodeRoles.Coordinator | NodeRoles.Dashboard, 0, $"127.0.0.1:{port}"));

        var view = joiner.Services.GetRequiredService<IClusterView>();
        var both = await Eventually.ReadAsync(() => view.GetAsync(CancellationToken.None), s => s.Members.Count(m => m.Status == "Up") == 2);
        Assert.Equal(2, both.Members.Count(m => m.Status == "Up"));
        Assert.True(joiner.IsReady);
        Assert.Equal($"akka.tcp://robustft@127.0.0.1:{port}", Assert.Single(both.Members, m => m.Coordinator).Address);
        Assert.Equal(["coordinator", "dashboard"], Assert.Single(both.Members, m => !m.Coordinator).Roles);

        await seed.DisposeAsync();
        Assert.False(seed.IsReady);
        var alone = await Eventually.ReadAsync(() => view.GetAsync(CancellationToken.None), s => s.Members.Count == 1 && s.Members[0].Coordinator);
        var left = Assert.Single(alone.Members);
        Assert.Equal(joiner.Addresses.Self, left.Address);
        Assert.True(left.Coordinator);
    }

    [Fact]
    public async Task The_journal_with_its_tags_column_and_the_project_tables_are_created_in_the_node_store_on_first_use()
    {
        await using var fixture = new NodeFixture();
        var node = await fixture.StartAsync(fixture.Options(NodeRoles.Coordinator | NodeRoles.Sample));
        var journal = Akka.Persistence.Persistence.Instance.Apply(node.System).JournalFor(null);
        Assert.NotNull(journal);

        var tables = await Eventually.ReadAsync(() => TablesAsync(fixture.DatabasePath), t => t.Contains("journal"));
        Assert.Contains("journal", tables);
        Assert.DoesNotContain("tags", tables); // tags live in the journal rows (tag-write-mode = Csv)
        Assert.Equal("1", await ScalarAsync(fixture.DatabasePath, "SELECT COUNT(*) FROM pragma_table_info('journal') WHERE name = 'tags'"));
        Assert.Contains("runs", tables);
        Assert.Contains("sample_states", tables);
        Assert.Equal("wal", await ScalarAsync(fixture.DatabasePath, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_fails_the_start_with_a_clear_error_before_any_actor_system_starts()
    {
        var port = NodeFixture.FreePort();
        await using var store = new PostgresConnectionFactory($"Host=127.0.0.1;Port={port};Database=robustft;Username=robustft;Timeout=2", 2, TimeSpan.FromMilliseconds(50));
        await using var fixture = new NodeFixture();
        var options = fixture.Options(NodeRoles.Coordinator | NodeRoles.Sample) with { Store = store };

        var error = await Assert.ThrowsAsync<DatabaseUnreachableException>(() => RobustFtNode.StartAsync(options, _ => { }, CancellationToken.None));
        Assert.Contains($"PostgreSQL at 127.0.0.1:{port}/robustft is not reachable", error.Message);
        Assert.Equal(2, error.Attempts);
    }

    private static async Task<IReadOnlyList<string>> TablesAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task<string> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
