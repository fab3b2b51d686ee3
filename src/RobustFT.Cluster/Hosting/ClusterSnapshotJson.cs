using System.Text.Json;
using RobustFT.Cluster.Nodes;

namespace RobustFT.Cluster.Hosting;

/// <summary>The wire form of a <see cref="ClusterSnapshot"/> between a node and <c>robustft status</c>: JSON text, so
/// the answer needs no Akka serializer binding.</summary>
public static class ClusterSnapshotJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(ClusterSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    public static ClusterSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<ClusterSnapshot>(json, Options) ?? throw new FormatException("empty cluster snapshot");
}
