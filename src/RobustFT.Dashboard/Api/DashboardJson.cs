using System.Text.Json;
using System.Text.Json.Serialization;

namespace RobustFT.Dashboard.Api;

/// <summary>The API's JSON: camelCase, enums as strings, NaN/∞ as named literals. <c>robustft status --json</c> uses the
/// same options so its output equals the API's.</summary>
public static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
