using System.Text.Json;
using RobustFT.Cluster.Persistence;
using RobustFT.Configuration;
using RobustFT.Configuration.Model;
using RobustFT.Configuration.Rendering;

namespace RobustFT.Cluster.Hosting;

/// <summary>Akka's configuration as HOCON text: the <c>akka { }</c> section of the project's own HOCON files (one set
/// of files for both), and the persistence plugins on the node's store (Akka.Persistence.Sql: journal, snapshots and
/// the read journal the coordinator's projection queries).</summary>
public static class AkkaSettings
{
    public const string JournalPluginId = "akka.persistence.journal.sql";
    public const string SnapshotPluginId = "akka.persistence.snapshot-store.sql";
    public const string ReadJournalPluginId = "akka.persistence.query.journal.sql";

    private static readonly string[] SerializationKeys = ["serializers", "serialization-bindings", "serialization-identifiers"];

    private static readonly Lazy<HoconObject> ShippedTree = new(() =>
        HoconConfig.Load(Path.Combine(AppContext.BaseDirectory, "hocon", "robustft.conf")));

    /// <summary>The <c>akka</c> section of a resolved configuration tree as HOCON text (empty when it has none).</summary>
    public static string FromTree(HoconObject tree) =>
        tree.Find("akka") is HoconObject akka ? "akka : " + HoconRenderer.ToJson(akka, _ => false) : "";

    /// <summary>The <c>akka</c> section of the shipped defaults (hocon/robustft.conf beside the binary), for callers that
    /// build <see cref="RuntimeOptions"/> without a loaded configuration.</summary>
    public static string Shipped() => FromTree(ShippedTree.Value);

    /// <summary>The serializer settings (<c>akka.actor.serializers</c>, <c>serialization-bindings</c>,
    /// <c>serialization-identifiers</c>) of a resolved configuration tree as HOCON text: for an actor system that does not
    /// take the whole <c>akka</c> section (<c>robustft status</c>'s client, tests).</summary>
    /// <exception cref="InvalidOperationException">one of the three keys is missing or not an object.</exception>
    public static string Serialization(HoconObject tree) => string.Join("\n", SerializationKeys.Select(key =>
        tree.Find("akka.actor." + key) is HoconObject section
            ? $"akka.actor.{key} : {HoconRenderer.ToJson(section, _ => false)}"
            : throw new InvalidOperationException($"configuration key akka.actor.{key} is missing or not an object")));

    /// <summary>The serializer settings of the shipped defaults (<see cref="Serialization(HoconObject)"/>).</summary>
    public static string ShippedSerialization() => Serialization(ShippedTree.Value);

    /// <summary>A duration of the shipped defaults, for options a caller left unset.</summary>
    public static TimeSpan ShippedDuration(string path) =>
        ShippedTree.Value.Find(path) is { } value && HoconDurationText(value) is { } text
            ? RobustFT.Configuration.Units.HoconDuration.Parse(text)
            : throw new InvalidOperationException($"configuration key {path} is missing from the shipped hocon/robustft.conf");

    /// <summary>Journal, snapshot store and read journal on <paramref name="store"/>; their tables are created on first
    /// start (auto-initialize).</summary>
    public static string Persistence(IDbConnectionFactory store)
    {
        var provider = store.Dialect == SqlDialect.Sqlite ? "SQLite.MS" : "PostgreSQL.15";
        var connection = JsonSerializer.Serialize(store.ConnectionString);
        var common = $"connection-string = {connection}\n provider-name = \"{provider}\"";
        return $$"""
            akka.persistence {
              journal {
                plugin = "{{JournalPluginId}}"
                sql { {{common}}
                  auto-initialize = on }
              }
              snapshot-store {
                plugin = "{{SnapshotPluginId}}"
                sql { {{common}}
                  auto-initialize = on }
              }
              query.journal.sql { {{common}} }
            }
            """;
    }

    private static string? HoconDurationText(HoconValue value) => value switch
    {
        HoconString s => s.Value,
        HoconNumber n => n.Text,
        _ => null,
    };
}
