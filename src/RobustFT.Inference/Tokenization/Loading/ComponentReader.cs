using System.Text;
using System.Text.Json;
using RobustFT.Inference.Tokenization.Decoders;
using RobustFT.Inference.Tokenization.Models;
using RobustFT.Inference.Tokenization.Normalizers;
using RobustFT.Inference.Tokenization.PostProcessors;
using RobustFT.Inference.Tokenization.PreTokenizers;

namespace RobustFT.Inference.Tokenization.Loading;

/// <summary>Builds the pipeline stages from the sections of <c>tokenizer.json</c>. An unknown <c>type</c> is a
/// <see cref="NotSupportedException"/> naming the section and the type.</summary>
public static class ComponentReader
{
    public static INormalizer ReadNormalizer(JsonNode node)
    {
        string type = TypeOf(node);
        return type switch
        {
            "Sequence" => new SequenceNormalizer(node.Required("normalizers").Items().Select(ReadNormalizer).ToList()),
            "NFC" => new UnicodeNormalizer(NormalizationForm.FormC),
            "NFD" => new UnicodeNormalizer(NormalizationForm.FormD),
            "NFKC" => new UnicodeNormalizer(NormalizationForm.FormKC),
            "NFKD" => new UnicodeNormalizer(NormalizationForm.FormKD),
            "Lowercase" => new LowercaseNormalizer(),
            "Strip" => new StripNormalizer(node.Bool("strip_left", true), node.Bool("strip_right", true)),
            "StripAccents" => new StripAccentsNormalizer(),
            "Replace" => ReadReplaceNormalizer(node),
            "Prepend" => new PrependNormalizer(node.RequiredString("prepend")),
            "BertNormalizer" => new BertNormalizer(
                node.Bool("clean_text", true), node.Bool("handle_chinese_chars", true), node.NullableBool("strip_accents"), node.Bool("lowercase", true)),
            _ => throw Unsupported(node, type),
        };
    }

    public static IPreTokenizer ReadPreTokenizer(JsonNode node)
    {
        string type = TypeOf(node);
        return type switch
        {
            "Sequence" => new SequencePreTokenizer(node.Required("pretokenizers").Items().Select(ReadPreTokenizer).ToList()),
            "Split" => ReadSplit(node),
            "ByteLevel" => new ByteLevelPreTokenizer(node.Bool("add_prefix_space", true), node.Bool("use_regex", true)),
            "Metaspace" => new MetaspacePreTokenizer(Replacement(node), ReadPrependScheme(node), node.Bool("split", true)),
            "Whitespace" => new WhitespacePreTokenizer(),
            "WhitespaceSplit" => new WhitespaceSplitPreTokenizer(),
            "BertPreTokenizer" => new BertPreTokenizer(),
            "Punctuation" => new PunctuationPreTokenizer(ReadBehavior(node, SplitBehavior.Isolated)),
            "Digits" => new DigitsPreTokenizer(node.Bool("individual_digits", false)),
            _ => throw Unsupported(node, type),
        };
    }

    public static ITokenizerModel ReadModel(JsonNode node)
    {
        string type = node.String("type") ?? (node.Optional("merges") is not null ? "BPE" : "WordPiece");
        return type switch
        {
            "BPE" => ReadBpe(node),
            "WordPiece" => new WordPieceModel(
                ReadVocab(node.Required("vocab")),
                node.String("unk_token") ?? "[UNK]",
                node.String("continuing_subword_prefix") ?? "##",
                node.Int("max_input_chars_per_word", 100),
                $"{node.File}: {node.Path}"),
            _ => throw Unsupported(node, type),
        };
    }

    public static IPostProcessor ReadPostProcessor(JsonNode node, Func<string, int?> tokenToId)
    {
        string type = TypeOf(node);
        return type switch
        {
            "Sequence" => new SequenceProcessor(node.Required("processors").Items().Select(n => ReadPostProcessor(n, tokenToId)).ToList()),
            "ByteLevel" => new IdentityProcessor(),
            "TemplateProcessing" => ReadTemplate(node),
            "BertProcessing" or "RobertaProcessing" => new WrappingProcessor(
                TokenPairId(node.Required("cls"), tokenToId), TokenPairId(node.Required("sep"), tokenToId)),
            _ => throw Unsupported(node, type),
        };
    }

    public static IDecoder ReadDecoder(JsonNode node)
    {
        string type = TypeOf(node);
        return type switch
        {
            "Sequence" => new SequenceDecoder(node.Required("decoders").Items().Select(ReadDecoder).ToList()),
            "ByteLevel" => new ByteLevelDecoder(),
            "Metaspace" => new MetaspaceDecoder(Replacement(node), ReadPrependScheme(node)),
            "WordPiece" => new WordPieceDecoder(node.String("prefix") ?? "##", node.Bool("cleanup", true)),
            "ByteFallback" => new ByteFallbackDecoder(),
            "Fuse" => new FuseDecoder(),
            "Strip" => new StripDecoder(SingleChar(node, "content"), node.Int("start", 0), node.Int("stop", 0)),
            "Replace" => new ReplaceDecoder(StringPattern(node), node.RequiredString("content")),
            _ => throw Unsupported(node, type),
        };
    }

    public static List<AddedToken> ReadAddedTokens(JsonNode? node)
    {
        if (node is null) return [];
        return node.Value.Items().Select(t => new AddedToken(
            t.Int("id", -1) is var id && id >= 0 ? id : throw t.Error("id must be a non-negative integer"),
            t.RequiredString("content"),
            t.Bool("special", false),
            t.Bool("normalized", true),
            t.Bool("lstrip", false),
            t.Bool("rstrip", false),
            t.Bool("single_word", false))).ToList();
    }

    private static string TypeOf(JsonNode node) => node.RequiredString("type");

    private static NotSupportedException Unsupported(JsonNode node, string type) =>
        new($"{node.File}: {(node.Path.Length == 0 ? "" : node.Path + ".")}type '{type}' is not supported");

    private static ReplaceNormalizer ReadReplaceNormalizer(JsonNode node)
    {
        var pattern = node.Required("pattern");
        string content = node.RequiredString("content");
        if (pattern.String("String") is { } literal) return ReplaceNormalizer.ForString(literal, content);
        if (pattern.String("Regex") is { } regex) return ReplaceNormalizer.ForRegex(regex, content);
        throw pattern.Error("must hold a String or a Regex");
    }

    private static SplitPreTokenizer ReadSplit(JsonNode node)
    {
        var pattern = node.Required("pattern");
        var behavior = ReadBehavior(node, SplitBehavior.Removed);
        bool invert = node.Bool("invert", false);
        if (pattern.String("String") is { } literal) return SplitPreTokenizer.ForString(literal, behavior, invert);
        if (pattern.String("Regex") is { } regex)
        {
            try
            {
                return new SplitPreTokenizer(new CodePointRegex(regex), behavior, invert);
            }
            catch (ArgumentException ex)
            {
                throw pattern.Error($"Regex cannot be compiled by .NET: {ex.Message}");
            }
        }

        throw pattern.Error("must hold a String or a Regex");
    }

    private static SplitBehavior ReadBehavior(JsonNode node, SplitBehavior fallback)
    {
        string? behavior = node.String("behavior");
        if (behavior is null) return fallback;
        return Enum.TryParse<SplitBehavior>(behavior, ignoreCase: false, out var value)
            ? value
            : throw new NotSupportedException($"{node.File}: {node.Path}.behavior '{behavior}' is not supported");
    }

    private static PrependScheme ReadPrependScheme(JsonNode node)
    {
        string? scheme = node.String("prepend_scheme");
        return scheme switch
        {
            "always" => PrependScheme.Always,
            "first" => PrependScheme.First,
            "never" => PrependScheme.Never,
            null => node.Bool("add_prefix_space", true) ? PrependScheme.Always : PrependScheme.Never,
            _ => throw new NotSupportedException($"{node.File}: {node.Path}.prepend_scheme '{scheme}' is not supported"),
        };
    }

    private static char Replacement(JsonNode node) => node.Optional("replacement") is null ? '▁' : SingleChar(node, "replacement");

    private static char SingleChar(JsonNode node, string name)
    {
        string value = node.RequiredString(name);
        return value.Length == 1 ? value[0] : throw node.Required(name).Error("must be a single character");
    }

    private static string StringPattern(JsonNode node)
    {
        var pattern = node.Required("pattern");
        return pattern.String("String")
            ?? throw new NotSupportedException($"{node.File}: {pattern.Path} must be a String pattern (Regex is not supported here)");
    }

    private static BpeModel ReadBpe(JsonNode node)
    {
        if (node.Optional("dropout") is { } dropout && dropout.Element.ValueKind == JsonValueKind.Number && dropout.Element.GetDouble() > 0)
        {
            throw new NotSupportedException($"{node.File}: {dropout.Path} (BPE dropout) is not supported");
        }

        var vocab = ReadVocab(node.Required("vocab"));
        var merges = new List<(string, string)>();
        foreach (var merge in node.Required("merges").Items())
        {
            merges.Add(ReadMerge(merge));
        }

        var options = new BpeOptions(
            node.String("unk_token"),
            node.Bool("fuse_unk", false),
            node.Bool("byte_fallback", false),
            node.Bool("ignore_merges", false),
            node.String("continuing_subword_prefix"),
            node.String("end_of_word_suffix"));
        return new BpeModel(vocab, merges, options, $"{node.File}: {node.Path}");
    }

    private static (string, string) ReadMerge(JsonNode merge)
    {
        var e = merge.Element;
        if (e.ValueKind == JsonValueKind.String)
        {
            string text = e.GetString()!;
            int space = text.IndexOf(' ', 1);
            if (space <= 0 || space == text.Length - 1) throw merge.Error($"'{text}' is not of the form \"left right\"");
            return (text[..space], text[(space + 1)..]);
        }

        if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2
            && e[0].ValueKind == JsonValueKind.String && e[1].ValueKind == JsonValueKind.String)
        {
            return (e[0].GetString()!, e[1].GetString()!);
        }

        throw merge.Error("must be \"left right\" or [left, right]");
    }

    private static Vocabulary ReadVocab(JsonNode node)
    {
        if (node.Element.ValueKind != JsonValueKind.Object) throw node.Error("must be an object of token → id");
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in node.Element.EnumerateObject())
        {
            if (!property.Value.TryGetInt32(out var id)) throw TokenizerException.At(node.File, $"{node.Path}[\"{property.Name}\"]", "must be an integer id");
            map[property.Name] = id;
        }

        return new Vocabulary(map, $"{node.File}: {node.Path}");
    }

    private static TemplateProcessing ReadTemplate(JsonNode node)
    {
        var specials = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        if (node.Optional("special_tokens") is { } specialNode)
        {
            foreach (var property in specialNode.Element.EnumerateObject())
            {
                var entry = new JsonNode(node.File, $"{specialNode.Path}.{property.Name}", property.Value);
                specials[property.Name] = entry.Required("ids").Items()
                    .Select(i => i.Element.TryGetInt32(out var id) ? id : throw i.Error("must be an integer")).ToList();
            }
        }

        var pieces = new List<TemplatePiece>();
        foreach (var item in node.Required("single").Items())
        {
            if (item.Optional("SpecialToken") is { } special)
            {
                string id = special.RequiredString("id");
                pieces.Add(new TemplatePiece(specials.TryGetValue(id, out var ids)
                    ? ids
                    : throw special.Error($"names '{id}', which is not in {node.Path}.special_tokens")));
            }
            else if (item.Optional("Sequence") is not null)
            {
                pieces.Add(TemplatePiece.Sequence);
            }
            else
            {
                throw item.Error("must be a SpecialToken or a Sequence");
            }
        }

        return new TemplateProcessing(pieces);
    }

    private static int TokenPairId(JsonNode pair, Func<string, int?> tokenToId)
    {
        var items = pair.Items().ToList();
        if (items.Count == 2 && items[1].Element.TryGetInt32(out var id)) return id;
        if (items.Count >= 1 && items[0].Element.ValueKind == JsonValueKind.String && tokenToId(items[0].Element.GetString()!) is int byName)
        {
            return byName;
        }

        throw pair.Error("must be [token, id]");
    }
}
