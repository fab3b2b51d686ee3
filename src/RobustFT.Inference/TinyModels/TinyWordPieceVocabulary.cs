using System.Text;
using System.Text.Json;

namespace RobustFT.Inference.TinyModels;

/// <summary>The tiny encoder's lowercase WordPiece vocabulary: BERT's special tokens, punctuation, digits, letters,
/// "##" continuation letters and suffixes, and frequent English words. Writes <c>tokenizer.json</c>,
/// <c>tokenizer_config.json</c> and <c>vocab.txt</c>.</summary>
public static class TinyWordPieceVocabulary
{
    public const string Pad = "[PAD]";
    public const string Unknown = "[UNK]";
    public const string Cls = "[CLS]";
    public const string Sep = "[SEP]";
    public const string Mask = "[MASK]";

    private static readonly string[] Specials = [Pad, Unknown, Cls, Sep, Mask];

    private static readonly string[] Words =
    [
        "the", "of", "and", "to", "in", "is", "it", "that", "was", "for", "on", "are", "as", "with", "be", "at",
        "this", "have", "from", "or", "by", "not", "but", "what", "all", "were", "when", "we", "there", "can", "an",
        "which", "their", "if", "do", "will", "each", "how", "they", "one", "two", "three", "more", "most", "some",
        "many", "water", "energy", "light", "heat", "plant", "plants", "animal", "animals", "earth", "sun", "moon",
        "air", "food", "cell", "cells", "rock", "rocks", "answer", "question", "true", "false", "yes", "no",
        "company", "profit", "sales", "net", "market", "shares", "growth", "increase", "decrease", "rose", "fell",
        "year", "quarter", "million", "euro", "eur", "percent", "positive", "negative", "neutral", "good", "bad",
    ];

    private static readonly string[] Suffixes = ["##s", "##ed", "##ing", "##ly", "##er", "##es", "##al", "##ion"];

    public static IReadOnlyList<string> Tokens { get; } = BuildTokens();

    public static int Size => Tokens.Count;
    public static int PadId => 0;
    public static int UnknownId => 1;
    public static int ClsId => 2;
    public static int SepId => 3;

    public static void WriteTokenizerFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "vocab.txt"), string.Join("\n", Tokens) + "\n", new UTF8Encoding(false));
        File.WriteAllBytes(Path.Combine(directory, "tokenizer.json"), TokenizerJson());
        File.WriteAllBytes(Path.Combine(directory, "tokenizer_config.json"), TinyJson.Write(w =>
        {
            w.WriteString("cls_token", Cls);
            w.WriteBoolean("do_lower_case", true);
            w.WriteString("mask_token", Mask);
            w.WriteNumber("model_max_length", TinyEncoderSpec.Default.MaxPositions);
            w.WriteString("pad_token", Pad);
            w.WriteString("sep_token", Sep);
            w.WriteBoolean("strip_accents", false);
            w.WriteBoolean("tokenize_chinese_chars", true);
            w.WriteString("tokenizer_class", "BertTokenizer");
            w.WriteString("unk_token", Unknown);
        }));
    }

    private static byte[] TokenizerJson() => TinyJson.Write(w =>
    {
        w.WriteString("version", "1.0");
        w.WriteNull("truncation");
        w.WriteNull("padding");
        w.WriteStartArray("added_tokens");
        for (var id = 0; id < Specials.Length; id++) TinyJson.AddedToken(w, id, Specials[id]);
        w.WriteEndArray();
        w.WriteStartObject("normalizer");
        w.WriteString("type", "BertNormalizer");
        w.WriteBoolean("clean_text", true);
        w.WriteBoolean("handle_chinese_chars", true);
        w.WriteNull("strip_accents");
        w.WriteBoolean("lowercase", true);
        w.WriteEndObject();
        w.WriteStartObject("pre_tokenizer");
        w.WriteString("type", "BertPreTokenizer");
        w.WriteEndObject();
        w.WriteStartObject("post_processor");
        w.WriteString("type", "TemplateProcessing");
        w.WriteStartArray("single");
        Piece(w, "SpecialToken", Cls, 0); Piece(w, "Sequence", "A", 0); Piece(w, "SpecialToken", Sep, 0);
        w.WriteEndArray();
        w.WriteStartArray("pair");
        Piece(w, "SpecialToken", Cls, 0); Piece(w, "Sequence", "A", 0); Piece(w, "SpecialToken", Sep, 0);
        Piece(w, "Sequence", "B", 1); Piece(w, "SpecialToken", Sep, 1);
        w.WriteEndArray();
        w.WriteStartObject("special_tokens");
        foreach (var (token, id) in new[] { (Cls, ClsId), (Sep, SepId) })
        {
            w.WriteStartObject(token);
            w.WriteString("id", token);
            w.WriteStartArray("ids"); w.WriteNumberValue(id); w.WriteEndArray();
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
        w.WriteString("unk_token", Unknown);
        w.WriteString("continuing_subword_prefix", "##");
        w.WriteNumber("max_input_chars_per_word", 100);
        w.WriteStartObject("vocab");
        for (var id = 0; id < Tokens.Count; id++) w.WriteNumber(Tokens[id], id);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void Piece(Utf8JsonWriter w, string kind, string id, int typeId)
    {
        w.WriteStartObject();
        w.WriteStartObject(kind);
        w.WriteString("id", id);
        w.WriteNumber("type_id", typeId);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string[] BuildTokens()
    {
        var tokens = new List<string>(Specials);
        tokens.AddRange("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".Select(c => c.ToString()));
        tokens.AddRange("0123456789".Select(c => c.ToString()));
        tokens.AddRange("abcdefghijklmnopqrstuvwxyz".Select(c => c.ToString()));
        tokens.AddRange("0123456789abcdefghijklmnopqrstuvwxyz".Select(c => "##" + c));
        tokens.AddRange(Suffixes);
        tokens.AddRange(Words.Where(w => w.Length > 1));
        return tokens.Distinct().ToArray();
    }
}
