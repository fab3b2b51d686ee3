using System.Text.Json;
using RobustFT.Inference.Chat;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.Tokenization;
using RobustFT.Inference.Tokenization.Loading;
using RobustFT.Inference.TinyModels;

namespace RobustFT.Inference.Backends;

/// <summary>Inspects an exported model directory without running it: opens the ONNX file, detects decoder or encoder
/// layout, loads the tokenizer and chat template, and collects every problem instead of stopping at the first.</summary>
public static class ModelDirectory
{
    public static ModelDirectoryReport Inspect(string directory, SessionConfig config)
    {
        var full = Path.GetFullPath(directory);
        var modelPath = ModelFiles.Find(full, ModelFiles.DecoderCandidates.Concat(ModelFiles.EncoderCandidates).Distinct().ToArray());
        var problems = new List<string>();
        using var session = OnnxSession.Open(modelPath, config);
        var outputs = session.Outputs.Select(o => o.Name).ToHashSet();
        string kind, layout;
        int? modelVocab = null;
        if (outputs.Contains(DecoderLayout.Logits))
        {
            kind = "decoder";
            try
            {
                var detected = DecoderLayout.Detect(modelPath, session.Inputs, session.Outputs);
                layout = detected.LayoutName;
                modelVocab = detected.VocabSize > 0 ? detected.VocabSize : null;
            }
            catch (ModelLayoutException e)
            {
                layout = "unknown";
                problems.Add(e.Message);
            }
        }
        else if (outputs.Contains(OnnxEmbedder.LastHiddenState) || outputs.Contains(OnnxEmbedder.SentenceEmbedding))
        {
            kind = "encoder";
            layout = outputs.Contains(OnnxEmbedder.SentenceEmbedding) ? "sentence-transformers" : "optimum-encoder";
            foreach (var required in new[] { "input_ids", "attention_mask" })
                if (session.Inputs.All(i => i.Name != required)) problems.Add($"{modelPath}: the encoder has no input '{required}'");
        }
        else
        {
            kind = "unknown";
            layout = "unknown";
            problems.Add($"{modelPath}: neither 'logits' (decoder) nor 'last_hidden_state'/'sentence_embedding' (encoder) among the outputs ({string.Join(", ", outputs)})");
        }

        ModelConfig? modelConfig = null;
        try
        {
            modelConfig = ModelConfig.Read(full);
            modelVocab ??= modelConfig.VocabSize;
        }
        catch (ModelLayoutException e)
        {
            problems.Add(e.Message);
        }
        if (kind == "decoder" && modelConfig is { ContextWindow: null })
            problems.Add($"{Path.Combine(full, "config.json")}: no context window (max_position_embeddings / n_positions / n_ctx)");

        string? tokenizerKind = null, template = null;
        int? tokenizerVocab = null;
        try
        {
            var tokenizer = HfTokenizer.Load(full);
            tokenizerKind = tokenizer.Kind.ToString();
            tokenizerVocab = tokenizer.VocabSize;
            if (modelVocab is { } v && tokenizer.VocabSize > v)
                problems.Add($"{Path.Combine(full, HfTokenizer.FileName)} has {tokenizer.VocabSize} tokens but {modelPath} has a vocabulary of {v}");
        }
        catch (Exception e) when (e is TokenizerException or IOException or NotSupportedException)
        {
            problems.Add(e.Message);
        }
        if (kind == "decoder")
        {
            try
            {
                var configPath = Path.Combine(full, TokenizerConfig.FileName);
                template = ChatTemplate.Resolve("auto", File.Exists(configPath) ? configPath : null).Name;
            }
            catch (Exception e) when (e is TokenizerException or ArgumentException)
            {
                problems.Add(e.Message);
            }
        }

        return new ModelDirectoryReport(full, modelPath, kind, layout,
            session.Inputs.Select(i => i.ToString()).ToArray(), session.Outputs.Select(o => o.ToString()).ToArray(),
            modelVocab, modelConfig?.ContextWindow, tokenizerKind, tokenizerVocab, template,
            config.ExecutionProvider, OnnxRuntimeInfo.AvailableProviders, IsSmokeModel(full), problems);
    }

    private static bool IsSmokeModel(string directory)
    {
        var path = Path.Combine(directory, TinyModelExporter.ManifestFileName);
        if (!File.Exists(path)) return false;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.TryGetProperty("smoke_model", out var smoke) && smoke.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
