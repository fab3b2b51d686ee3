using System.Text;
using System.Text.Json;

namespace RobustFT.Inference.TinyModels;

/// <summary>The tiny decoder's byte-level BPE tokenizer: the 256 GPT-2 byte tokens (in GPT-2's order), a few merges
/// and the ChatML special tokens. Writes a Hugging Face <c>tokenizer.json</c> and a <c>tokenizer_config.json</c> with a
/// ChatML <c>chat_template</c>.</summary>
public static class TinyBpeVocabulary
{
    public const string EndOfText = "<|endoftext|>";
    public const string ImStart = "<|im_start|>";
    public const string ImEnd = "<|im_end|>";

    public const string ChatMlTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>Merge rules by rank, in the byte-level alphabet (Ġ is a space).</summary>
    public static IReadOnlyList<(string Left, string Right)> Merges { get; } =
    [
        ("Ġ", "t"), ("Ġ", "a"), ("h", "e"), ("i", "n"), ("r", "e"), ("o", "n"), ("Ġt", "he"), ("e", "r"),
        ("Ġ", "s"), ("a", "t"), ("Ġ", "w"), ("Ġ", "o"), ("e", "n"), ("Ġ", "c"), ("i", "t"), ("i", "s"),
        ("a", "n"), ("o", "r"), ("e", "s"), ("Ġ", "b"), ("e", "d"), ("Ġ", "f"), ("in", "g"), ("Ġ", "p"),
        ("o", "u"), ("Ġa", "n"), ("a", "l"), ("a", "r"), ("Ġt", "o"), ("Ġ", "m"), ("Ġo", "f"), ("Ġ", "in"),
        ("Ġ", "d"), ("Ġ", "h"), ("Ġan", "d"), ("i", "c"), ("a", "s"), ("l", "e"), ("Ġt", "h"), ("Ġ", "l"),
        ("Ġ", "n"), ("Ġ", "is"), ("Ġ", "re"), ("Ġ", "e"),
    ];

    /// <summary>The byte each of the ids 0..255 stands for (GPT-2's order: printable bytes first).</summary>
    public static IReadOnlyList<byte> ByteValues { get; } = BuildByteOrder();

    /// <summary>Byte token strings, index = id (GPT-2's byte-to-unicode table order).</summary>
    public static IReadOnlyList<string> ByteTokens { get; } = BuildByteTokens();

    public static int EndOfTextId => 256 + Merges.Count;
    public static int ImStartId => EndOfTextId + 1;
    public static int ImEndId => EndOfTextId + 2;
    public static int Size => EndOfTextId + 3;

    /// <summary>Every token string in id order.</summary>
    public static IReadOnlyList<string> Tokens()
    {
        var tokens = new List<string>(ByteTokens);
        tokens.AddRange(Merges.Select(m => m.Left + m.Right));
        tokens.AddRange([EndOfText, ImStart, ImEnd]);
        return tokens;
    }

    public static void WriteTokenizerFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "tokenizer.json"), TokenizerJson());
        File.WriteAllBytes(Path.Combine(directory, "tokenizer_config.json"), TokenizerConfigJson());
    }

    private static byte[] TokenizerJson() => TinyJson.Write(w =>
    {
        w.WriteString("version", "1.0");
        w.WriteNull("truncation");
        w.WriteNull("padding");
        w.WriteStartArray("added_tokens");
        foreach (var (token, id) in new[] { (EndOfText, EndOfTextId), (ImStart, ImStartId), (ImEnd, ImEndId) }) TinyJson.AddedToken(w, id, token);
        w.WriteEndArray();
        w.WriteNull("normalizer");
        WriteByteLevel(w, "pre_tokenizer", addPrefixSpace: false, trimOffsets: true);
        WriteByteLevel(w, "post_processor", addPrefixSpace: true, trimOffsets: false);
        WriteByteLevel(w, "decoder", addPrefixSpace: true, trimOffsets: true);
        w.WriteStartObject("model");
        w.WriteString("type", "BPE");
        w.WriteNull("dropout");
        w.WriteNull("unk_token");
        w.WriteString("continuing_subword_prefix", "");
        w.WriteString("end_of_word_suffix", "");
        w.WriteBoolean("fuse_unk", false);
        w.WriteBoolean("byte_fallback", false);
        w.WriteBoolean("ignore_merges", false);
        w.WriteStartObject("vocab");
        var tokens = Tokens();
        for (var id = 0; id < EndOfTextId; id++) w.WriteNumber(tokens[id], id);
        w.WriteEndObject();
        w.WriteStartArray("merges");
        foreach (var (left, right) in Merges) w.WriteStringValue(left + " " + right);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteByteLevel(Utf8JsonWriter w, string name, bool addPrefixSpace, bool trimOffsets)
    {
        w.WriteStartObject(name);
        w.WriteString("type", "ByteLevel");
        w.WriteBoolean("add_prefix_space", addPrefixSpace);
        w.WriteBoolean("trim_offsets", trimOffsets);
        w.WriteBoolean("use_regex", true);
        w.WriteEndObject();
    }

    private static byte[] TokenizerConfigJson() => TinyJson.Write(w =>
    {
        w.WriteBoolean("add_bos_token", false);
        w.WriteBoolean("add_prefix_space", false);
        w.WriteStartObject("added_tokens_decoder");
        foreach (var (token, id) in new[] { (EndOfText, EndOfTextId), (ImStart, ImStartId), (ImEnd, ImEndId) })
        {
            w.WriteStartObject(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            TinyJson.AddedTokenBody(w, token);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteNull("bos_token");
        w.WriteString("chat_template", ChatMlTemplate);
        w.WriteBoolean("clean_up_tokenization_spaces", false);
        w.WriteString("eos_token", ImEnd);
        w.WriteNumber("model_max_length", TinyGptSpec.Default.ContextWindow);
        w.WriteString("pad_token", EndOfText);
        w.WriteString("tokenizer_class", "GPT2Tokenizer");
        w.WriteNull("unk_token");
    });

    private static byte[] BuildByteOrder()
    {
        var bytes = new List<int>();
        for (var b = '!'; b <= '~'; b++) bytes.Add(b);
        for (var b = '¡'; b <= '¬'; b++) bytes.Add(b);
        for (var b = '®'; b <= 'ÿ'; b++) bytes.Add(b);
        for (var b = 0; b < 256; b++)
            if (!bytes.Contains(b)) bytes.Add(b);
        return bytes.Select(b => (byte)b).ToArray();
    }

    /// <summary>Printable bytes map to themselves, the others to U+0100 onwards in byte order (GPT-2's table).</summary>
    private static string[] BuildByteTokens()
    {
        var order = BuildByteOrder();
        const int printable = 188;
        return order.Select((b, id) => new Rune(id < printable ? b : 256 + id - printable).ToString()).ToArray();
    }
}
