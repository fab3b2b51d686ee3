using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Generation;

/// <summary>Batched autoregressive generation over any <see cref="IDecoderStep"/>: prompts are left-padded, position ids
/// come from the mask, a KV-cache step gets one new token per row per call (a no-cache step gets the whole sequence
/// again). At most <see cref="GeneratorSettings.MaxRunningRows"/> rows run together. With static batching a running
/// batch goes on (finished rows fed the pad id under mask 0) until its longest row is done. With iteration-level
/// batching (<see cref="GeneratorSettings.IterationLevel"/>), as soon as a row finishes while requests wait, the batch
/// is re-formed: finished rows leave, waiting requests join, and the new batch is prefilled with every row's prompt
/// plus what it has generated so far (the cache of the continuing rows is recomputed in that one call), so each row's
/// tokens are those it would get alone.</summary>
public sealed class BatchGenerator(IDecoderStep step, ITokenizer tokenizer, GeneratorSettings settings)
{
    public GeneratorCounters Counters { get; } = new();

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
        if (rows.Count > 0) Schedule(rows, cancellationToken);
        foreach (var row in rows)
            results[row.Index] = new GeneratedSequence(row.Text!, row.Generated, row.Logprobs, settings.ComputeEntropy ? row.Entropies : null, row.FinishReason!);
        return results!;
    }

    private void Schedule(List<GenerationRow> rows, CancellationToken cancellationToken)
    {
        var capacity = settings.MaxRunningRows > 0 ? settings.MaxRunningRows : rows.Count;
        var waiting = new Queue<GenerationRow>(rows);
        var running = new List<GenerationRow>(capacity);
        while (waiting.Count > 0 || running.Count > 0)
        {
            running.RemoveAll(r => r.Finished);
            if (running.Count > 0 && !settings.IterationLevel) throw new InvalidOperationException("a static batch ended with unfinished rows");
            while (running.Count < capacity && waiting.Count > 0) running.Add(waiting.Dequeue());
            if (running.Count == 0) return;
            RunSegment(running, () => settings.IterationLevel && waiting.Count > 0, cancellationToken);
        }
    }

    /// <summary>Prefills <paramref name="rows"/> with their prompt plus the tokens generated so far and decodes until every
    /// row is done or, after a row finished, <paramref name="admit"/> says waiting requests should join.</summary>
    private void RunSegment(List<GenerationRow> rows, Func<bool> admit, CancellationToken cancellationToken)
    {
        var batch = rows.Count;
        var total = rows.Max(r => r.ContextLength);
        var reserve = Math.Min(settings.ContextWindow + 1, total + rows.Max(r => r.Prompt.Options.MaxNewTokens - r.Generated.Count));
        var ids = new long[batch * total];
        var mask = new long[batch * total];
        for (var b = 0; b < batch; b++)
        {
            var row = rows[b];
            var pad = total - row.ContextLength;
            for (var t = 0; t < total; t++)
            {
                ids[b * total + t] = t < pad ? settings.PadTokenId : row.ContextToken(t - pad);
                mask[b * total + t] = t < pad ? 0 : 1;
            }
        }

        var input = new DecoderBatch(batch, total, 0, ids, mask, PositionIds.FromMask(mask, batch, total, total)) { ReserveLength = reserve };
        Counters.Prefill();
        IDecoderState? past = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var active = 0;
                using (var output = step.Run(input, past))
                {
                    past?.Dispose();
                    past = step.UsesKvCache ? output.TakePresent() : null;
                    for (var b = 0; b < batch; b++)
                    {
                        if (rows[b].Finished) continue;
                        active++;
                        Advance(rows[b], output.Logits(b, output.SequenceLength - 1));
                    }
                }
                Counters.Call(batch, active);
                if (rows.TrueForAll(r => r.Finished)) return;
                if (rows.Exists(r => r.Finished) && admit()) return;
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
