using System.Security.Cryptography;
using System.Text;

namespace RobustFT.Cluster.Samples;

/// <summary>Names of a sample's entity: the sharding entity id and the persistence id derive from (run id, sample id),
/// so every node and every resumed process addresses the same entity and journal without a lookup; events are tagged
/// with the run so the projection reads one run's events in order.</summary>
public static class SampleEntityId
{
    /// <summary>Sharding entity id: run id and sample id joined by a separator that ids cannot contain unescaped.</summary>
    public static string For(string runId, string sampleId) => $"{Escape(runId)}|{Escape(sampleId)}";

    /// <summary>Splits an entity id made by <see cref="For"/>.</summary>
    public static (string RunId, string SampleId) Parse(string entityId)
    {
        var bar = entityId.IndexOf('|');
        if (bar < 0) throw new FormatException($"'{entityId}' is not a sample entity id");
        return (Uri.UnescapeDataString(entityId[..bar]), Uri.UnescapeDataString(entityId[(bar + 1)..]));
    }

    public static string PersistenceId(string runId, string sampleId) => "sample-" + For(runId, sampleId);

    /// <summary>The tag of every event of the run's samples (the projection's query).</summary>
    public static string RunTag(string runId) => "run-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runId)))[..16];

    private static string Escape(string id) => Uri.EscapeDataString(id);
}
