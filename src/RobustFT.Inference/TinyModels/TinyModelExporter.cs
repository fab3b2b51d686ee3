namespace RobustFT.Inference.TinyModels;

/// <summary>Writes the tiny smoke-test models as model directories that the ONNX backends load like real exports:
/// <c>decoder/</c> (model.onnx with KV cache, config.json, generation_config.json, byte-level BPE tokenizer with a ChatML
/// template) and <c>encoder/</c> (model.onnx, config.json, WordPiece tokenizer). Each directory holds a
/// <c>robustft-model.json</c> manifest. The same seed always gives the same bytes.</summary>
public static class TinyModelExporter
{
    public const string ManifestFileName = "robustft-model.json";
    public const string ModelFileName = "model.onnx";

    /// <summary>decoder/ (of <paramref name="decoderSpec"/>, default <see cref="TinyGptSpec.Default"/>) and encoder/.</summary>
    public static void Write(string outputDir, long seed = 1234, TinyGptSpec? decoderSpec = null)
    {
        WriteDecoder(Path.Combine(outputDir, "decoder"), seed, withPast: true, decoderSpec);
        WriteEncoder(Path.Combine(outputDir, "encoder"), seed);
    }

    /// <summary>The decoder alone; <paramref name="withPast"/> false writes the no-cache layout.</summary>
    public static void WriteDecoder(string directory, long seed = 1234, bool withPast = true, TinyGptSpec? decoderSpec = null)
    {
        var spec = decoderSpec ?? TinyGptSpec.Default;
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, ModelFileName), TinyDecoderGraph.Build(TinyGptWeights.Create(spec, seed), withPast));
        TinyBpeVocabulary.WriteTokenizerFiles(directory);
        File.WriteAllBytes(Path.Combine(directory, "config.json"), TinyJson.Write(w =>
        {
            w.WriteStartArray("architectures"); w.WriteStringValue("GPT2LMHeadModel"); w.WriteEndArray();
            w.WriteNumber("bos_token_id", TinyBpeVocabulary.EndOfTextId);
            w.WriteNumber("eos_token_id", TinyBpeVocabulary.ImEndId);
            w.WriteNumber("max_position_embeddings", spec.ContextWindow);
            w.WriteString("model_type", "gpt2");
            w.WriteNumber("n_embd", spec.Hidden);
            w.WriteNumber("n_head", spec.Heads);
            w.WriteNumber("n_layer", spec.Layers);
            w.WriteNumber("n_positions", spec.ContextWindow);
            w.WriteNumber("pad_token_id", TinyBpeVocabulary.EndOfTextId);
            w.WriteBoolean("use_cache", withPast);
            w.WriteNumber("vocab_size", spec.VocabSize);
        }));
        File.WriteAllBytes(Path.Combine(directory, "generation_config.json"), TinyJson.Write(w =>
        {
            w.WriteStartArray("eos_token_id"); w.WriteNumberValue(TinyBpeVocabulary.ImEndId); w.WriteNumberValue(TinyBpeVocabulary.EndOfTextId); w.WriteEndArray();
            w.WriteNumber("pad_token_id", TinyBpeVocabulary.EndOfTextId);
        }));
        WriteManifest(directory, "decoder", withPast ? "optimum-decoder-with-past" : "optimum-decoder", spec.VocabSize, spec.ContextWindow, seed);
    }

    /// <summary>The encoder alone; <paramref name="sentenceEmbedding"/> adds a pooled <c>sentence_embedding</c> output.</summary>
    public static void WriteEncoder(string directory, long seed = 1234, bool sentenceEmbedding = false)
    {
        var spec = TinyEncoderSpec.Default;
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, ModelFileName), TinyEncoderGraph.Build(TinyEncoderWeights.Create(spec, seed), sentenceEmbedding));
        TinyWordPieceVocabulary.WriteTokenizerFiles(directory);
        File.WriteAllBytes(Path.Combine(directory, "config.json"), TinyJson.Write(w =>
        {
            w.WriteStartArray("architectures"); w.WriteStringValue("BertModel"); w.WriteEndArray();
            w.WriteNumber("hidden_size", spec.Hidden);
            w.WriteNumber("max_position_embeddings", spec.MaxPositions);
            w.WriteString("model_type", "bert");
            w.WriteNumber("num_attention_heads", spec.Heads);
            w.WriteNumber("num_hidden_layers", spec.Layers);
            w.WriteNumber("pad_token_id", TinyWordPieceVocabulary.PadId);
            w.WriteNumber("type_vocab_size", TinyEncoderWeights.TypeVocabulary);
            w.WriteNumber("vocab_size", spec.VocabSize);
        }));
        WriteManifest(directory, "encoder", sentenceEmbedding ? "sentence-transformers" : "optimum-encoder", spec.VocabSize, spec.MaxPositions, seed);
    }

    private static void WriteManifest(string directory, string kind, string layout, int vocab, int context, long seed) =>
        File.WriteAllBytes(Path.Combine(directory, ManifestFileName), TinyJson.Write(w =>
        {
            w.WriteString("kind", kind);
            w.WriteString("layout", layout);
            w.WriteNumber("vocab_size", vocab);
            w.WriteNumber("context_window", context);
            w.WriteBoolean("smoke_model", true);
            w.WriteNumber("seed", seed);
        }));
}
