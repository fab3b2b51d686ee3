using Microsoft.ML.OnnxRuntime;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Embedding;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Backends;

/// <summary><see cref="IEmbedder"/> over an Optimum encoder export: texts are tokenized with the post-processor's
/// special tokens, truncated to the position limit, right-padded per batch; the vector is the model's
/// <c>sentence_embedding</c> output when it has one, else the mean of <c>last_hidden_state</c> over the mask;
/// always L2-normalised.</summary>
public sealed class OnnxEmbedder : IEmbedder, IDisposable
{
    public const string LastHiddenState = "last_hidden_state";
    public const string SentenceEmbedding = "sentence_embedding";

    private readonly OnnxSession _session;
    private readonly ITokenizer _tokenizer;
    private readonly bool _hasTokenTypes;
    private readonly string _output;

    public OnnxEmbedder(OnnxSession session, ITokenizer tokenizer, string modelId, int maxLength, int padTokenId, int maxBatchSize)
    {
        _session = session;
        _tokenizer = tokenizer;
        ModelId = modelId;
        MaxLength = maxLength;
        PadTokenId = padTokenId;
        MaxBatchSize = maxBatchSize;
        var inputs = session.Inputs.Select(i => i.Name).ToHashSet();
        foreach (var required in new[] { "input_ids", "attention_mask" })
            if (!inputs.Contains(required))
                throw new ModelLayoutException($"{session.Source}: the encoder has no input '{required}' (inputs: {string.Join(", ", inputs)})");
        _hasTokenTypes = inputs.Contains("token_type_ids");
        var outputs = session.Outputs.Select(o => o.Name).ToArray();
        _output = outputs.Contains(SentenceEmbedding) ? SentenceEmbedding
            : outputs.Contains(LastHiddenState) ? LastHiddenState
            : throw new ModelLayoutException($"{session.Source}: the encoder has neither '{SentenceEmbedding}' nor '{LastHiddenState}' (outputs: {string.Join(", ", outputs)})");
    }

    public static OnnxEmbedder Load(string directory, SessionConfig config, int maxBatchSize)
    {
        var modelPath = ModelFiles.Find(directory, ModelFiles.EncoderCandidates);
        var tokenizer = HfTokenizer.Load(directory);
        var modelConfig = ModelConfig.Read(directory);
        var session = OnnxSession.Open(modelPath, config);
        try
        {
            var maxLength = modelConfig.ContextWindow ?? 512;
            if (modelConfig.VocabSize is { } v && tokenizer.VocabSize > v)
                throw new ModelLayoutException($"{Path.Combine(Path.GetFullPath(directory), HfTokenizer.FileName)} has {tokenizer.VocabSize} tokens but {Path.Combine(Path.GetFullPath(directory), "config.json")} says vocab_size {v}");
            var pad = tokenizer.PadTokenId ?? modelConfig.PadTokenId ?? 0;
            return new OnnxEmbedder(session, tokenizer, ModelFiles.ModelId(modelPath), maxLength, pad, maxBatchSize) { OwnsSession = true };
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public string ModelId { get; }

    public int MaxLength { get; }

    public int PadTokenId { get; }

    public int MaxBatchSize { get; }

    /// <summary>The output read: <c>sentence_embedding</c> when the model has it, else <c>last_hidden_state</c>.</summary>
    public string OutputName => _output;

    private bool OwnsSession { get; init; }

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        Task.Run(() => Embed(texts, cancellationToken), cancellationToken);

    public IReadOnlyList<float[]> Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var vectors = new List<float[]>(texts.Count);
        foreach (var chunk in texts.Chunk(Math.Max(1, MaxBatchSize)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            vectors.AddRange(EmbedBatch(chunk));
        }
        return vectors;
    }

    private IEnumerable<float[]> EmbedBatch(string[] texts)
    {
        var encoded = texts.Select(t => Truncate(_tokenizer.Encode(t, addSpecialTokens: true))).ToArray();
        var batch = encoded.Length;
        var seq = Math.Max(1, encoded.Max(e => e.Count));
        var ids = new long[batch * seq];
        var mask = new long[batch * seq];
        for (var b = 0; b < batch; b++)
        for (var s = 0; s < seq; s++)
        {
            var real = s < encoded[b].Count;
            ids[b * seq + s] = real ? encoded[b][s] : PadTokenId;
            mask[b * seq + s] = real ? 1 : 0;
        }

        var names = new List<string> { "input_ids", "attention_mask" };
        var inputs = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(ids, [batch, seq]),
            OrtValue.CreateTensorValueFromMemory(mask, [batch, seq]),
        };
        if (_hasTokenTypes)
        {
            names.Add("token_type_ids");
            inputs.Add(OrtValue.CreateTensorValueFromMemory(new long[batch * seq], [batch, seq]));
        }
        try
        {
            using var outputs = _session.Run(names, inputs, [_output]);
            var value = outputs[0];
            var data = value.GetTensorDataAsSpan<float>();
            var shape = value.GetTensorTypeAndShape().Shape;
            if (_output == SentenceEmbedding)
            {
                var dim = (int)shape[^1];
                var normalized = new float[batch][];
                for (var b = 0; b < batch; b++) normalized[b] = VectorNormalization.L2Normalize(data.Slice(b * dim, dim));
                return normalized;
            }
            var hidden = (int)shape[^1];
            return MeanPooling.Pool(data, mask, batch, seq, hidden).Select(v => VectorNormalization.L2Normalize(v)).ToArray();
        }
        finally
        {
            foreach (var input in inputs) input.Dispose();
        }
    }

    private IReadOnlyList<int> Truncate(IReadOnlyList<int> ids) =>
        ids.Count <= MaxLength ? ids : [.. ids.Take(MaxLength - 1), ids[^1]];

    public void Dispose()
    {
        if (OwnsSession) _session.Dispose();
    }
}
