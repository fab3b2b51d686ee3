using System.Text;
using RobustFT.Inference.Tokenization.Loading;

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

    private static byte[] TokenizerJson() => BertTokenizerJson.Build(Tokens);

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
