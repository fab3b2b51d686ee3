using System.Text.Encodings.Web;
using System.Text.Json;

namespace RobustFT.Core.Datasets;

/// <summary>The JSON settings of every file Core writes: camelCase, "\n" line breaks, non-ASCII text kept readable.</summary>
public static class CoreJson
{
    /// <summary>One object per line (JSON Lines).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>Indented documents (reports, the Alpaca array).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
            NewLine = "\n",
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
