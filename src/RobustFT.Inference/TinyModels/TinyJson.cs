using System.Text.Encodings.Web;
using System.Text.Json;
using RobustFT.Inference.Tokenization.Loading;

namespace RobustFT.Inference.TinyModels;

/// <summary>Writes the tiny models' JSON files with a stable layout (indented, unescaped non-ASCII).</summary>
internal static class TinyJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> writeBody)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    public static void AddedToken(Utf8JsonWriter w, int id, string content) => AddedTokenJson.Write(w, id, content);

    public static void AddedTokenBody(Utf8JsonWriter w, string content) => AddedTokenJson.WriteBody(w, content);
}
