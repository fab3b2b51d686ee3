using System.Text.Json;

namespace RobustFT.Cluster.Persistence;

/// <summary>Turns a saga instance into the JSON of the <c>data</c> column and back (public properties, System.Text.Json).</summary>
public sealed class SqlSagaSerializer<TSaga>
    where TSaga : class, IStoredSaga
{
    readonly JsonSerializerOptions _options;

    public SqlSagaSerializer(JsonSerializerOptions? options = null)
    {
        _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.General);
    }

    public string Serialize(TSaga instance) => JsonSerializer.Serialize(instance, _options);

    /// <summary>Reads a stored row; the <c>version</c> column wins over whatever the JSON says.</summary>
    public TSaga Deserialize(string json, int version, string source)
    {
        var instance = JsonSerializer.Deserialize<TSaga>(json, _options)
                       ?? throw new InvalidDataException($"Saga row in {source} holds JSON null instead of a {typeof(TSaga).Name}.");
        instance.Version = version;
        return instance;
    }
}
