using System.Text.Json;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>One cluster member as <c>robustft status --json</c> reports it (the dashboard's <c>GET /api/nodes</c>):
/// address, roles, member status, reachability, whether it holds the coordinator singleton, and the inference
/// requests its GPU workers served (from the document's <c>workers</c>).</summary>
public sealed record MemberView(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable, bool Coordinator, long Requests)
{
    /// <summary>The members in a <c>status --json</c> document; throws naming the field when the document lacks one.</summary>
    public static IReadOnlyList<MemberView> ParseStatus(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var requests = Property(doc.RootElement, "workers", json).EnumerateArray()
            .GroupBy(w => Property(w, "address", json).GetString() ?? "")
            .ToDictionary(g => g.Key, g => g.Sum(w => Property(w, "requests", json).GetInt64()));
        return Property(doc.RootElement, "nodes", json).EnumerateArray().Select(n =>
        {
            var address = Property(n, "address", json).GetString() ?? "";
            return new MemberView(
                address,
                Property(n, "roles", json).EnumerateArray().Select(r => r.GetString() ?? "").ToList(),
                Property(n, "status", json).GetString() ?? "",
                Property(n, "reachable", json).GetBoolean(),
                Property(n, "coordinator", json).GetBoolean(),
                requests.GetValueOrDefault(address));
        }).ToList();
    }

    private static JsonElement Property(JsonElement e, string name, string json)
    {
        if (e.ValueKind == JsonValueKind.Object)
            foreach (var p in e.EnumerateObject())
                if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        throw new InvalidDataException($"status --json: no '{name}' in:\n{json}");
    }
}
