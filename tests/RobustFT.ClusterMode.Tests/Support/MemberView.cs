using System.Text.Json;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>One cluster member as <c>robustft status --json</c> reports it (its <c>nodes</c>, the dashboard's
/// <c>GET /api/nodes</c>): address, roles, member status, reachability, whether it holds the coordinator singleton,
/// and the inference requests its GPU workers served.</summary>
public sealed record MemberView(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable, bool Coordinator, long Requests)
{
    /// <summary>The members in a <c>status --json</c> document; throws naming the field when the document lacks one.</summary>
    public static IReadOnlyList<MemberView> ParseStatus(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var nodes = Property(doc.RootElement, "nodes", json);
        return nodes.EnumerateArray().Select(n => new MemberView(
            (Optional(n, "address") ?? Property(n, "nodeId", json)).GetString() ?? "",
            Property(n, "roles", json).EnumerateArray().Select(r => r.GetString() ?? "").ToList(),
            Optional(n, "status")?.GetString() ?? "",
            Optional(n, "reachable")?.GetBoolean() ?? !(Optional(n, "stale")?.GetBoolean() ?? false),
            Property(n, "coordinator", json).GetBoolean(),
            Optional(n, "requests")?.GetInt64() ?? 0)).ToList();
    }

    private static JsonElement Property(JsonElement e, string name, string json) =>
        Optional(e, name) ?? throw new InvalidDataException($"status --json: no '{name}' in {e.ValueKind} of:\n{json}");

    private static JsonElement? Optional(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind != JsonValueKind.Null) return p.Value;
        return null;
    }
}
