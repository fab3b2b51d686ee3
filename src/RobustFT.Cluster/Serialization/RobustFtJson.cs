using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RobustFT.Cluster.Serialization;

/// <summary>The one <see cref="JsonSerializerOptions"/> of <see cref="RobustFtSerializer"/> (built once; System.Text.Json
/// caches each type's contract in it). Version-tolerant: a property the reader does not know is skipped, a missing one
/// takes its constructor default. Doubles and floats may be NaN or ±Infinity (entropy, threshold). Text is escaped only
/// where JSON needs it (never embedded in HTML): prompts in any language stay their UTF-8 size.</summary>
public static class RobustFtJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(), new FloatArrayConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
