using System.Text.Json;
using System.Text.Json.Serialization;

namespace RobustFT.Cluster.Runs;

/// <summary>JSON settings of everything the store persists as text.</summary>
public static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
