using System.Text.Json;
using RobustFT.Inference.Tokenization.Decoders;
using RobustFT.Inference.Tokenization.Loading;
using RobustFT.Inference.Tokenization.Models;
using RobustFT.Inference.Tokenization.Normalizers;
using RobustFT.Inference.Tokenization.PostProcessors;
using RobustFT.Inference.Tokenization.PreTokenizers;

namespace RobustFT.Inference.Tokenization;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> tokenizer: added tokens are split out first (leftmost-longest), then
/// normalizer → pre-tokenizer → model (BPE / WordPiece) → post-processor; decoding runs the decoder chain.
/// Thread-safe after construction.
/// </summary>
public sealed class HfTokenizer : ITokenizer
{
    public const string FileName = "tokenizer.json";

    /// <summary>Tokens that end a turn or a text in the common model families, used for <see cref="EosTokenIds"/>.</summary>
    private static readonly string[] KnownEndTokens =
        ["<|eot_id|>", "<|end_of_text|>", "<|eom_id|>", "<|im_end|>", "<|endoftext|>", "<end_of_turn>", "<eos>", "</s>"];

    private readonly INormalizer? _normalizer;
    private readonly IPreTokenizer? _preTokenizer;
    private readonly ITokenizerModel _model;
    private readonly IPostProcessor? _postProcessor;
    private readonly IDecoder? _decoder;
    private readonly Dictionary<int, AddedToken> _addedById;
    private readonly Dictionary<string, AddedToken> _addedByContent;
    private readonly AddedTokenSplitter _rawSplitter;
    private readonly AddedTokenSplitter _normalizedSplitter;

    private HfTokenizer(
        INormalizer? normalizer,
        IPreTokenizer? preTokenizer,
        ITokenizerModel model,
        IPostProcessor? postProcessor,
        IDecoder? decoder,
        IReadOnlyList<AddedToken> addedTokens,
        TokenizerConfig config,
        TokenizerKind kind)
    {
        _normalizer = normalizer;
        _preTokenizer = preTokenizer;
        _model = model;
        _postProcessor = postProcessor;
        _decoder = decoder;
        _addedById = addedTokens.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.Last());
        _addedByContent = addedTokens.GroupBy(t => t.Content, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        bool hasNormalizer = normalizer is not null;
        _rawSplitter = new AddedTokenSplitter(addedTokens.Where(t => !t.Normalized || !hasNormalizer));
        _normalizedSplitter = new AddedTokenSplitter(addedTokens.Where(t => t.Normalized && hasNormalizer));
        Kind = kind;
        AddedTokens = addedTokens;
        Config = config;

        int maxAdded = addedTokens.Count == 0 ? -1 : addedTokens.Max(t => t.Id);
        VocabSize = Math.Max(model.VocabSize, maxAdded + 1);
        BosTokenId = config.BosToken is null ? null : TokenToId(config.BosToken);
        PadTokenId = config.PadToken is null ? null : TokenToId(config.PadToken);
        var eos = new List<int>();
        if (config.EosToken is not null && TokenToId(config.EosToken) is int configEos) eos.Add(configEos);
        foreach (var end in KnownEndTokens)
        {
            if (_addedByContent.TryGetValue(end, out var token) && token.Special && !eos.Contains(token.Id)) eos.Add(token.Id);
        }

        EosTokenIds = eos;
    }

    public int VocabSize { get; }

    public TokenizerKind Kind { get; }

    public IReadOnlyList<AddedToken> AddedTokens { get; }

    /// <summary>What was read from <c>tokenizer_config.json</c> (empty when there was none).</summary>
    public TokenizerConfig Config { get; }

    public int? BosTokenId { get; }

    /// <summary>The configured <c>eos_token</c> first, then the family's other end-of-turn/end-of-text special tokens.</summary>
    public IReadOnlyList<int> EosTokenIds { get; }

    public int? PadTokenId { get; }

    /// <summary>The raw <c>chat_template</c> of <c>tokenizer_config.json</c>, if any.</summary>
    public string? ChatTemplateText => Config.ChatTemplate;

    /// <summary>Loads <c>tokenizer.json</c> and, when present, <c>tokenizer_config.json</c> from a model directory. A
    /// directory without <c>tokenizer.json</c> but with a BERT <c>vocab.txt</c> gets BERT's WordPiece tokenizer around
    /// that vocabulary (<see cref="BertTokenizerJson"/>; lowercasing unless <c>tokenizer_config.json</c> says
    /// <c>do_lower_case: false</c>).</summary>
    public static HfTokenizer Load(string directory)
    {
        string tokenizerPath = Path.Combine(directory, FileName);
        string configPath = Path.Combine(directory, TokenizerConfig.FileName);
        var config = File.Exists(configPath) ? TokenizerConfig.Read(configPath) : TokenizerConfig.Empty;
        if (File.Exists(tokenizerPath)) return Parse(File.ReadAllText(tokenizerPath), config, tokenizerPath);
        string vocabPath = Path.Combine(directory, BertTokenizerJson.VocabFileName);
        if (!File.Exists(vocabPath)) throw new TokenizerException($"{tokenizerPath}: file not found (nor a BERT {BertTokenizerJson.VocabFileName})");
        var json = BertTokenizerJson.Build(BertTokenizerJson.ReadVocabulary(vocabPath), config.DoLowerCase ?? true);
        return Parse(System.Text.Encoding.UTF8.GetString(json), config, vocabPath);
    }

    /// <summary>Builds a tokenizer from the text of <c>tokenizer.json</c> and, optionally, <c>tokenizer_config.json</c>.</summary>
    public static HfTokenizer FromJson(string tokenizerJson, string? tokenizerConfigJson = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizerJson);
        var config = tokenizerConfigJson is null ? TokenizerConfig.Empty : TokenizerConfig.Parse(tokenizerConfigJson);
        return Parse(tokenizerJson, config, FileName);
    }

    private static HfTokenizer Parse(string tokenizerJson, TokenizerConfig config, string fileName)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(tokenizerJson, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new TokenizerException($"{fileName}: invalid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            var root = new JsonNode(fileName, "", doc.RootElement);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw root.Error("the document must be a JSON object");
            var addedTokens = ComponentReader.ReadAddedTokens(root.Optional("added_tokens"));
            var normalizer = root.Optional("normalizer") is { } n ? ComponentReader.ReadNormalizer(n) : null;
            var preTokenizer = root.Optional("pre_tokenizer") is { } p ? ComponentReader.ReadPreTokenizer(p) : null;
            var model = ComponentReader.ReadModel(root.Required("model"));
            var decoder = root.Optional("decoder") is { } d ? ComponentReader.ReadDecoder(d) : null;
            Func<string, int?> lookup = token => addedTokens.FirstOrDefault(t => t.Content == token)?.Id ?? model.TokenToId(token);
            var postProcessor = root.Optional("post_processor") is { } pp ? ComponentReader.ReadPostProcessor(pp, lookup) : null;
            var kind = KindOf(model, root);
            return new HfTokenizer(normalizer, preTokenizer, model, postProcessor, decoder, addedTokens, config, kind);
        }
    }

    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        var segments = _rawSplitter.Split(text);
        for (int s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            if (segment.AddedTokenId is int addedId)
            {
                ids.Add(addedId);
                continue;
            }

            bool atTextStart = s == 0;
            string normalized = _normalizer is null ? segment.Text : _normalizer.Normalize(segment.Text);
            var inner = _normalizedSplitter.Split(normalized);
            for (int k = 0; k < inner.Count; k++)
            {
                if (inner[k].AddedTokenId is int innerId) ids.Add(innerId);
                else EncodePlain(inner[k].Text, atTextStart && k == 0, ids);
            }
        }

        return _postProcessor is null ? ids : _postProcessor.Process(ids, addSpecialTokens);
    }

    public string Decode(IReadOnlyList<int> ids, bool skipSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var tokens = new List<string>(ids.Count);
        foreach (int id in ids)
        {
            if (_addedById.TryGetValue(id, out var added))
            {
                if (!(skipSpecialTokens && added.Special)) tokens.Add(added.Content);
                continue;
            }

            if (_model.IdToToken(id) is { } token) tokens.Add(token);
        }

        return _decoder is null ? string.Join(' ', tokens) : string.Concat(_decoder.DecodeChain(tokens));
    }

    public int? TokenToId(string token) =>
        _addedByContent.TryGetValue(token, out var added) ? added.Id : _model.TokenToId(token);

    public string? IdToToken(int id) =>
        _addedById.TryGetValue(id, out var added) ? added.Content : _model.IdToToken(id);

    private void EncodePlain(string text, bool atTextStart, List<int> ids)
    {
        if (text.Length == 0) return;
        if (_preTokenizer is null)
        {
            _model.Tokenize(text, ids);
            return;
        }

        foreach (var piece in _preTokenizer.PreTokenize(text, atTextStart)) _model.Tokenize(piece, ids);
    }

    private static TokenizerKind KindOf(ITokenizerModel model, JsonNode root)
    {
        if (model is WordPieceModel) return TokenizerKind.WordPiece;
        bool byteLevel = MentionsType(root.Optional("pre_tokenizer"), "ByteLevel") || MentionsType(root.Optional("decoder"), "ByteLevel");
        return byteLevel ? TokenizerKind.ByteLevelBpe : TokenizerKind.SentencePieceBpe;
    }

    private static bool MentionsType(JsonNode? node, string type)
    {
        if (node is null) return false;
        var e = node.Value.Element;
        return e.ValueKind switch
        {
            JsonValueKind.Object => e.EnumerateObject().Any(p =>
                (p.Name == "type" && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == type)
                || MentionsType(new JsonNode(node.Value.File, p.Name, p.Value), type)),
            JsonValueKind.Array => e.EnumerateArray().Any(item => MentionsType(new JsonNode(node.Value.File, "", item), type)),
            _ => false,
        };
    }
}
