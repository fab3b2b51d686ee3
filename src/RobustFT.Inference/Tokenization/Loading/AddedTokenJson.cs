using System.Text.Json;

namespace RobustFT.Inference.Tokenization.Loading;

/// <summary>Writes a special added token as <c>tokenizer.json</c> and <c>tokenizer_config.json</c> spell it.</summary>
public static class AddedTokenJson
{
    /// <summary><c>{"id": …, "content": …, …}</c> (an <c>added_tokens</c> entry).</summary>
    public static void Write(Utf8JsonWriter w, int id, string content)
    {
        w.WriteStartObject();
        w.WriteNumber("id", id);
        WriteBody(w, content);
        w.WriteEndObject();
    }

    /// <summary>The fields after the id: content, single_word, lstrip, rstrip, normalized, special.</summary>
    public static void WriteBody(Utf8JsonWriter w, string content)
    {
        w.WriteString("content", content);
        w.WriteBoolean("single_word", false);
        w.WriteBoolean("lstrip", false);
        w.WriteBoolean("rstrip", false);
        w.WriteBoolean("normalized", false);
        w.WriteBoolean("special", true);
    }
}
