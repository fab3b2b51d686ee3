using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RobustFT.Inference.Tokenization.Loading;

/// <summary>
/// The <c>tokenizer.json</c> Hugging Face's <c>BertTokenizerFast</c> makes around a BERT <c>vocab.txt</c> (one token a
/// line, id = line number): BERT normalizer (clean text, Chinese chars, optional lowercase/accent stripping), BERT
/// pre-tokenizer, WordPiece with "##" continuations, <c>[CLS] A [SEP]</c> post-processing and the WordPiece decoder.
/// The special tokens <c>[PAD] [UNK] [CLS] [SEP] [MASK]</c> present in the vocabulary become added tokens.
/// </summary>
public static class BertTokenizerJson
{
    public const string VocabFileName = "vocab.txt";

    private static readonly string[] Specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads <paramref name="vocabPath"/> (empty lines count as tokens; a trailing newline does not).</summary>
    public static IReadOnlyList<string> ReadVocabulary(string vocabPath)
    {
        var text = File.ReadAllText(vocabPath, Encoding.UTF8);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) throw new TokenizerException($"{vocabPath}: the vocabulary is empty");
        foreach (var required in new[] { "[UNK]", "[CLS]", "[SEP]" })
            if (!lines.Contains(required)) throw new TokenizerException($"{vocabPath}: no '{required}' token; not a BERT WordPiece vocabulary");
        return lines;
    }

    /// <summary>The tokenizer.json text for <paramref name="tokens"/>.</summary>
    public static byte[] Build(IReadOnlyList<string> tokens, bool lowercase = true)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++) ids.TryAdd(tokens[id], id);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            w.WriteNull("truncation");
            w.WriteNull("padding");
            w.WriteStartArray("added_tokens");
            foreach (var special in Specials.Where(ids.ContainsKey).OrderBy(s => ids[s])) AddedTokenJson.Write(w, ids[special], special);
            w.WriteEndArray();
            w.WriteStartObject("normalizer");
            w.WriteString("type", "BertNormalizer");
            w.WriteBoolean("clean_text", true);
            w.WriteBoolean("handle_chinese_chars", true);
            w.WriteNull("strip_accents");
            w.WriteBoolean("lowercase", lowercase);
            w.WriteEndObject();
            w.WriteStartObject("pre_tokenizer");
            w.WriteString("type", "BertPreTokenizer");
            w.WriteEndObject();
            w.WriteStartObject("post_processor");
            w.WriteString("type", "TemplateProcessing");
            w.WriteStartArray("single");
            Piece(w, "SpecialToken", "[CLS]", 0); Piece(w, "Sequence", "A", 0); Piece(w, "SpecialToken", "[SEP]", 0);
            w.WriteEndArray();
            w.WriteStartArray("pair");
            Piece(w, "SpecialToken", "[CLS]", 0); Piece(w, "Sequence", "A", 0); Piece(w, "SpecialToken", "[SEP]", 0);
            Piece(w, "Sequence", "B", 1); Piece(w, "SpecialToken", "[SEP]", 1);
            w.WriteEndArray();
            w.WriteStartObject("special_tokens");
            foreach (var token in new[] { "[CLS]", "[SEP]" })
            {
                w.WriteStartObject(token);
                w.WriteString("id", token);
                w.WriteStartArray("ids"); w.WriteNumberValue(ids[token]); w.WriteEndArray();
                w.WriteStartArray("tokens"); w.WriteStringValue(token); w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("decoder");
            w.WriteString("type", "WordPiece");
            w.WriteString("prefix", "##");
            w.WriteBoolean("cleanup", true);
            w.WriteEndObject();
            w.WriteStartObject("model");
            w.WriteString("type", "WordPiece");
            w.WriteString("unk_token", "[UNK]");
            w.WriteString("continuing_subword_prefix", "##");
            w.WriteNumber("max_input_chars_per_word", 100);
            w.WriteStartObject("vocab");
            foreach (var (token, id) in ids.OrderBy(p => p.Value)) w.WriteNumber(token, id);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void Piece(Utf8JsonWriter w, string kind, string id, int typeId)
    {
        w.WriteStartObject();
        w.WriteStartObject(kind);
        w.WriteString("id", id);
        w.WriteNumber("type_id", typeId);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
