using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Generation;

/// <summary>Batched autoregressive generation over any <see cref="IDecoderStep"/>: prompts are left-padded, position ids
/// come from the mask, a KV-cache step gets one new token per row per call (a no-cache step gets the whole sequence
/// again). Rows that finish stay in the batch fed with the pad id under mask 0 until every row is done.</summary>
public sealed class BatchGenerator(IDecoderStep step, ITokenizer tokenizer, GeneratorSettings settings)
{
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<GenerationPrompt> prompts, CancellationToken cancellationToken = default)
    {
        var results = new GeneratedSequence?[prompts.Count];
        var rows = new List<GenerationRow>();
        for (var i = 0; i < prompts.Count; i++)
        {
            var length = prompts[i].PromptIds.Count;
            if (length == 0) results[i] = GeneratedSequence.Failed("prompt has no tokens");
            else if (length > settings.ContextWindow)
                results[i] = GeneratedSequence.Failed($"prompt has {length} tokens; the model's context window is {settings.ContextWindow}");
            else if (prompts[i].Options.MaxNewTokens <= 0) results[i] = new GeneratedSequence("", [], [], settings.ComputeEntropy ? [] : null, "length");
            else rows.Add(new GenerationRow(i, prompts[i]));
        }
        if (rows.Count > 0) Run(rows, cancellationToken);
        foreach (var row in rows)
            results[row.Index] = new GeneratedSequence(row.Text!, row.Generated, row.Logprobs, settings.ComputeEntropy ? row.Entropies : null, row.FinishReason!);
        return results!;
    }

    private void Run(List<GenerationRow> rows, CancellationToken cancellationToken)
    {
        var batch = rows.Count;
        var total = rows.Max(r => r.Prompt.PromptIds.Count);
        var ids = new long[batch * total];
        var mask = new long[batch * total];
        for (var b = 0; b < batch; b++)
        {
            var prompt = rows[b].Prompt.PromptIds;
            var pad = total - prompt.Count;
            for (var t = 0; t < total; t++)
            {
                ids[b * total + t] = t < pad ? settings.PadTokenId : prompt[t - pad];
                mask[b * total + t] = t < pad ? 0 : 1;
            }
        }

        var input = new DecoderBatch(batch, total, 0, ids, mask, PositionIds.FromMask(mask, batch, total, total));
        IDecoderState? past = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using (var output = step.Run(input, past))
                {
                    past?.Dispose();
                    past = step.UsesKvCache ? output.TakePresent() : null;
                    for (var b = 0; b < batch; b++)
                        if (!rows[b].Finished) Advance(rows[b], output.Logits(b, output.SequenceLength - 1));
                }
                if (rows.TrueForAll(r => r.Finished)) return;
                input = step.UsesKvCache ? NextCachedInput(rows, ref mask, ref total) : NextFullInput(rows, ref ids, ref mask, ref total);
            }
        }
        finally
        {
            past?.Dispose();
        }
    }

    private DecoderBatch NextCachedInput(List<GenerationRow> rows, ref long[] mask, ref int total)
    {
        var batch = rows.Count;
        var ids = new long[batch];
        mask = AppendColumn(mask, batch, total, b => rows[b].Finished ? 0 : 1);
        for (var b = 0; b < batch; b++) ids[b] = rows[b].Finished ? settings.PadTokenId : rows[b].LastToken;
        var past = total++;
        return new DecoderBatch(batch, 1, past, ids, mask, PositionIds.FromMask(mask, batch, total, 1));
    }

    private DecoderBatch NextFullInput(List<GenerationRow> rows, ref long[] ids, ref long[] mask, ref int total)
    {
        var batch = rows.Count;
        mask = AppendColumn(mask, batch, total, b => rows[b].Finished ? 0 : 1);
        ids = AppendColumn(ids, batch, total, b => rows[b].Finished ? settings.PadTokenId : rows[b].LastToken);
        total++;
        return new DecoderBatch(batch, total, 0, ids, mask, PositionIds.FromMask(mask, batch, total, total));
    }

    private static long[] AppendColumn(long[] matrix, int batch, int width, Func<int, long> value)
    {
        var grown = new long[batch * (width + 1)];
        for (var b = 0; b < batch; b++)
        {
            matrix.AsSpan(b * width, width).CopyTo(grown.AsSpan(b * (width + 1)));
            grown[b * (width + 1) + width] = value(b);
        }
        return grown;
    }

    private void Advance(GenerationRow row, ReadOnlySpan<float> logits)
    {
        var options = row.Prompt.Options;
        var token = TokenSampler.Choose(logits, options, row.Random, settings.ComputeEntropy);
        row.Generated.Add(token.TokenId);
        row.Logprobs.Add(token.Logprob);
        if (settings.ComputeEntropy) row.Entropies.Add(token.Entropy);

        if (settings.EosTokenIds.Contains(token.TokenId))
        {
            row.Text = tokenizer.Decode(row.Generated.GetRange(0, row.Generated.Count - 1));
            row.FinishReason = "eos";
            return;
        }
        if (options.StopStrings is { Count: > 0 } stops)
        {
            var text = tokenizer.Decode(row.Generated);
            var at = StopStrings.FindEarliest(text, stops);
            if (at >= 0)
            {
                row.Text = text[..at];
                row.FinishReason = "stop";
                return;
            }
        }
        if (row.Generated.Count >= options.MaxNewTokens || row.Prompt.PromptIds.Count + row.Generated.Count > settings.ContextWindow)
        {
            row.Text = tokenizer.Decode(row.Generated);
            row.FinishReason = "length";
        }
    }
}
