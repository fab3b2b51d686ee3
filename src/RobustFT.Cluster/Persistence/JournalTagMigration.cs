namespace RobustFT.Cluster.Persistence;

/// <summary>
/// Moves a store's event tags from Akka.Persistence.Sql's tag table into the journal's <c>tags</c> column
/// (<c>tag-write-mode = Csv</c>, ";tag;" per row), which the runtime writes and reads since the read journal's tag-table
/// query proved quadratic (its tag aggregate scans the whole tag table for every event it returns: 8 s per query at
/// 60,000 events; bench/RESULTS.md). Runs before Akka starts, under the schema lock: adds the column to a journal made in
/// tag-table mode, copies every tag row into its event's column and deletes the tag rows, in one transaction. A store
/// without a journal yet (Akka creates it, with the column) or without tag rows is left as it is, so it runs at every
/// start for nothing after the first.
/// </summary>
public static class JournalTagMigration
{
    public static Task RunAsync(IDbConnectionFactory connections, CancellationToken ct = default) =>
        SchemaCreation.RunLockedAsync(connections, SchemaCreation.LockKey("robustft.schema.journal-tags"), async (c, tx, token) =>
        {
            var dialect = connections.Dialect;
            var postgres = dialect == SqlDialect.Postgres;
            if (!await SchemaCatalog.TableExistsAsync(c, tx, dialect, "journal", token)) return;
            if (!await SchemaCatalog.ColumnExistsAsync(c, tx, dialect, "journal", "tags", token))
                await SqlCommands.ExecuteAsync(c, tx, "ALTER TABLE journal ADD COLUMN tags TEXT", token);
            if (!await SchemaCatalog.TableExistsAsync(c, tx, dialect, "tags", token)) return;
            await SqlCommands.ExecuteAsync(c, tx, postgres
                ? """
                  UPDATE journal SET tags = ';' || t.joined || ';'
                  FROM (SELECT ordering_id, string_agg(tag, ';' ORDER BY tag) AS joined FROM tags GROUP BY ordering_id) t
                  WHERE journal.ordering = t.ordering_id AND (journal.tags IS NULL OR journal.tags = '')
                  """
                : """
                  UPDATE journal SET tags = ';' || (SELECT group_concat(tag, ';') FROM tags WHERE tags.ordering_id = journal.ordering) || ';'
                  WHERE (tags IS NULL OR tags = '') AND ordering IN (SELECT ordering_id FROM tags)
                  """, token);
            await SqlCommands.ExecuteAsync(c, tx, "DELETE FROM tags", token);
        }, ct);
}
