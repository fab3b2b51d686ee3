namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>An Akka test kit on a real journal (<see cref="JournalConfig"/>) over the test's database, which it removes
/// after the actor system stopped.</summary>
public abstract class JournalTestKit(TestDatabase db, string config) : Akka.TestKit.Xunit2.TestKit(config), IAsyncLifetime
{
    /// <summary>How long a test waits for what must happen.</summary>
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>On the test's own SQLite file.</summary>
    protected JournalTestKit(TestDatabase db) : this(db, JournalConfig.For(db)) { }

    protected TestDatabase Db => db;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Sys.Terminate();
        await db.DisposeAsync();
    }
}
