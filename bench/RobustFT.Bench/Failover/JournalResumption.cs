using Dapper;
using RobustFT.Cluster.Persistence;

namespace RobustFT.Bench.Failover;

/// <summary>
/// From the journal after the run: the samples that were in the middle of detection when the node was stopped (their
/// last event before the stop is <c>SampleStarted</c> or a <c>GenerationRecorded</c>, and no <c>EmbeddingRecorded</c>
/// yet) and when each wrote its next event. The last of them is when every entity that had been working — on the
/// dead node too, once re-driven — answered again from a survivor with its state.
/// </summary>
public static class JournalResumption
{
    /// <returns>For each sample in flight at <paramref name="stop"/>, when it wrote its next event (null: never).</returns>
    public static async Task<IReadOnlyList<DateTime?>> MeasureAsync(IDbConnectionFactory db, DateTime stop)
    {
        await using var connection = await db.OpenAsync();
        // The event's type: in the manifest ("generation-recorded": the project's serializer) or in the payload's head
        // (Newtonsoft JSON's $type, journals written before it), compared without dashes and case.
        var rows = (await connection.QueryAsync<(string PersistenceId, long Created, string? Manifest, byte[] Head)>(
                "SELECT persistence_id, created, manifest, substring(message from 1 for 160) FROM journal WHERE persistence_id LIKE 'sample-%' ORDER BY persistence_id, sequence_number"))
            .Select(r => (r.PersistenceId, r.Created,
                Manifest: (r.Manifest + " " + System.Text.Encoding.UTF8.GetString(r.Head)).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()));
        var resumed = new List<DateTime?>();
        foreach (var events in rows.GroupBy(r => r.PersistenceId))
        {
            var before = events.Where(e => Time(e.Created) < stop).ToList();
            if (before.Count == 0 || before.Any(e => e.Manifest.Contains("embeddingrecorded", StringComparison.Ordinal))) continue;
            if (!(before[^1].Manifest.Contains("samplestarted", StringComparison.Ordinal) || before[^1].Manifest.Contains("generationrecorded", StringComparison.Ordinal))) continue;
            var next = events.Select(e => Time(e.Created)).FirstOrDefault(t => t >= stop);
            resumed.Add(next == default ? null : next);
        }
        return resumed;
    }

    /// <summary>The journal's <c>created</c> column: DateTime ticks (UTC) or Unix milliseconds.</summary>
    private static DateTime Time(long created) =>
        created > 100_000_000_000_000_000L ? new DateTime(created, DateTimeKind.Utc) : DateTimeOffset.FromUnixTimeMilliseconds(created).UtcDateTime;
}
