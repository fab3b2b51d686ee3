using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Generation;

/// <summary>Batched autoregressive generation over any <see cref="IDecoderStep"/>: prompts are left-padded, position ids
/// come from the mask, a KV-cache step gets one new token per row per call (a no-cache step gets the whole sequence
/// again). At most <see cref="GeneratorSettings.MaxRunningRows"/> rows run together. With static batching a running
/// batch goes on (finished rows fed the pad id under mask 0) until its longest row is done. With iteration-level
/// batching (<see cref="GeneratorSettings.IterationLevel"/>), as soon as a row finishes while requests wait, the batch
/// is re-formed: finished rows leave and waiting requests join. When the step can splice its cache
/// (<see cref="IDecoderStateSplicer"/>: the ONNX step on the CPU) only the joining requests are prefilled and the new
/// cache is assembled from the continuing rows' cache and theirs; otherwise the new batch is prefilled with every row's
/// prompt plus what it has generated so far. Either way each row's tokens are those it would get alone.</summary>
public sealed class BatchGenerator(IDecoderStep step, ITokenizer tokenizer, GeneratorSettings settings)
{
    public GeneratorCounters Counters { get; } = new();

    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<GenerationPrompt> prompts, CancellationToken cancellationToken = default)
    {
        var results = new GeneratedSequence?[prompts.Count];
        var rows = new List<GenerationRow>();
        for (var i = 0; i < prompts.Count; i++)
        {
            if (Immediate(prompts[i]) is { } immediate) results[i] = immediate;
            else rows.Add(new GenerationRow(i, prompts[i]));
        }
        if (rows.Count > 0)
        {
            var capacity = settings.MaxRunningRows > 0 ? settings.MaxRunningRows : rows.Count;
            Run(new ListRowSource(rows, results), capacity, capacity < rows.Count, cancellationToken);
        }
        return results!;
    }

    /// <summary>The result of a request that needs no decoding (no prompt, a prompt over the context window, no new
    /// tokens asked for), or null.</summary>
    internal GeneratedSequence? Immediate(GenerationPrompt prompt)
    {
        var length = prompt.PromptIds.Count;
        if (length == 0) return GeneratedSequence.Failed("prompt has no tokens");
        if (length > settings.ContextWindow)
            return GeneratedSequence.Failed($"prompt has {length} tokens; the model's context window is {settings.ContextWindow}");
        return prompt.Options.MaxNewTokens <= 0 ? new GeneratedSequence("", [], [], settings.ComputeEntropy ? [] : null, "length") : null;
    }

    /// <summary>The one scheduling loop: decodes the requests of <paramref name="source"/>, at most
    /// <paramref name="capacity"/> rows together, handing each back as soon as it is done, until the source has no more.
    /// <paramref name="admitsMidBatch"/>: requests may wait while a batch runs (otherwise the simpler segment loop does).</summary>
    internal void Run(IRowSource source, int capacity, bool admitsMidBatch, CancellationToken cancellationToken)
    {
        if (settings.IterationLevel && admitsMidBatch && step is IDecoderStateSplicer { CanSplice: true } splicer && step.UsesKvCache)
        {
            RunSpliced(source, capacity, splicer, cancellationToken);
            return;
        }
        var running = new List<GenerationRow>(capacity);
        while (true)
        {
            running.RemoveAll(r => r.Finished);
            if (running.Count > 0 && !settings.IterationLevel) throw new InvalidOperationException("a static batch ended with unfinished rows");
            var continuing = running.Count;
            while (running.Count < capacity && source.TryTake(out var row)) running.Add(row);
            if (continuing > 0) Counters.Admitted(running.Count - continuing);
            if (running.Count == 0)
            {
                if (!source.WaitForRows(cancellationToken)) return;
                continue;
            }
            RunSegment(running, source, () => settings.IterationLevel && source.HasWaiting, cancellationToken);
        }
    }

    /// <summary>Prefills <paramref name="rows"/> with their prompt plus the tokens generated so far and decodes until every
    /// row is done or, after a row finished, <paramref name="admit"/> says waiting requests should join.</summary>
    private void RunSegment(List<GenerationRow> rows, IRowSource source, Func<bool> admit, CancellationToken cancellationToken)
    {
        var (input, ids, mask, total) = PrefillInput(rows);
        var batch = rows.Count;
        Counters.Prefill();
        IDecoderState? past = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                DropAbandoned(rows, source);
                var active = 0;
                var finished = new List<GenerationRow>();
                using (var output = step.Run(input, past))
                {
                    past?.Dispose();
                    past = step.UsesKvCache ? output.TakePresent() : null;
                    for (var b = 0; b < batch; b++)
                    {
                        if (rows[b].Finished) continue;
                        active++;
                        Advance(rows[b], output.Logits(b, output.SequenceLength - 1), finished);
                    }
                }
                Counters.Call(batch, active);
                Finish(finished, source, cancellationToken);
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

    /// <summary>Rows whose submitter gave up leave the batch (they are fed the pad id under mask 0, as finished rows).</summary>
    private static void DropAbandoned(List<GenerationRow> rows, IRowSource source)
    {
        foreach (var row in rows)
        {
            if (!row.Abandoned) continue;
            row.FinishReason = "cancelled";
            source.Complete(row, GeneratedSequence.Failed("cancelled by its submitter"));
        }
    }

    /// <summary>Hands finished rows back, each re-scored alone first when it asks for it.</summary>
    private void Finish(List<GenerationRow> finished, IRowSource source, CancellationToken cancellationToken)
    {
        foreach (var row in finished)
        {
            if (row.Prompt.Options.ScoreAlone && row.Generated.Count > 0 && !row.Cancellation.IsCancellationRequested) ScoreAlone(row, cancellationToken);
            source.Complete(row, new GeneratedSequence(row.Text!, row.Generated, row.Logprobs, settings.ComputeEntropy ? row.Entropies : null, row.FinishReason!));
        }
    }

    /// <summary>Replaces a finished row's log-probabilities (and entropies) with those of one forward pass of the row
    /// alone over its prompt and generated tokens: the same tokens always get the same numbers, whatever batch they were
    /// generated in (<see cref="Abstractions.GenerationOptions.ScoreAlone"/>).</summary>
    private void ScoreAlone(GenerationRow row, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var promptLength = row.Prompt.PromptIds.Count;
        var length = row.ContextLength - 1; // the last generated token predicts nothing that is scored
        var ids = new long[length];
        for (var t = 0; t < length; t++) ids[t] = row.ContextToken(t);
        var mask = new long[length];
        Array.Fill(mask, 1L);
        var input = new DecoderBatch(1, length, 0, ids, mask, PositionIds.FromMask(mask, 1, length, length)) { ReserveLength = length };
        using var output = step.Run(input, null);
        output.TakePresent()?.Dispose();
        Counters.Call(1, 1);
        for (var i = 0; i < row.Generated.Count; i++)
        {
            var scored = TokenSampler.Score(output.Logits(0, promptLength - 1 + i), row.Generated[i], settings.ComputeEntropy);
            row.Logprobs[i] = scored.Logprob;
            if (settings.ComputeEntropy) row.Entropies[i] = scored.Entropy;
        }
    }

    /// <summary>The first call of a batch: every row's prompt plus generated tokens, left-padded.</summary>
    private (DecoderBatch Input, long[] Ids, long[] Mask, int Total) PrefillInput(List<GenerationRow> rows)
    {
        var batch = rows.Count;
        var total = rows.Max(r => r.ContextLength);
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
        var input = new DecoderBatch(batch, total, 0, ids, mask, PositionIds.FromMask(mask, batch, total, total)) { ReserveLength = ReserveFor(rows, total) };
        return (input, ids, mask, total);
    }

    private int ReserveFor(List<GenerationRow> rows, int total) =>
        Math.Min(settings.ContextWindow + 1, total + rows.Max(r => r.Prompt.Options.MaxNewTokens - r.Generated.Count));

    /// <summary>Iteration-level batching over a step whose cache can be spliced: when a row has finished (or the batch
    /// has room) and requests wait, only the admitted requests are prefilled, and the new batch's cache is spliced from
    /// the continuing rows' cache and theirs.</summary>
    private void RunSpliced(IRowSource source, int capacity, IDecoderStateSplicer splicer, CancellationToken cancellationToken)
    {
        var running = new List<GenerationRow>();
        IDecoderState? past = null;
        long[] mask = [];
        var total = 0;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                DropAbandoned(running, source);
                if ((running.Count < capacity || running.Exists(r => r.Finished)) && source.HasWaiting)
                {
                    var kept = Enumerable.Range(0, running.Count).Where(b => !running[b].Finished).ToList();
                    var admitted = new List<GenerationRow>();
                    while (kept.Count + admitted.Count < capacity && source.TryTake(out var row)) admitted.Add(row);
                    if (admitted.Count > 0)
                    {
                        var (admittedPast, admittedMask, admittedTotal) = Prefill(admitted, source, cancellationToken);
                        if (kept.Count == 0)
                        {
                            past?.Dispose();
                            (past, mask, total, running) = (admittedPast, admittedMask, admittedTotal, admitted);
                            continue;
                        }
                        Counters.Admitted(admitted.Count);
                        // Every row keeps the cache of the tokens it has been fed (prompt + generated but the last),
                        // without the padding it had in its old batch.
                        var rows = kept.Select(b => running[b]).Concat(admitted).ToList();
                        var sources = kept.Select(b => (State: past!, Row: b)).Concat(admitted.Select((_, i) => (State: admittedPast, Row: i)))
                            .Select((s, b) => (s.State, s.Row, Positions: rows[b].ContextLength - 1)).ToList();
                        var length = sources.Max(s => s.Positions);
                        var spliced = splicer.Splice(sources, length, ReserveFor(rows, length));
                        var combined = new long[rows.Count * length];
                        for (var b = 0; b < rows.Count; b++) combined.AsSpan((b + 1) * length - sources[b].Positions, sources[b].Positions).Fill(1);
                        past!.Dispose();
                        admittedPast.Dispose();
                        (past, mask, total, running) = (spliced, combined, length, rows);
                        continue;
                    }
                }
                if (running.TrueForAll(r => r.Finished))
                {
                    past?.Dispose();
                    (past, mask, total, running) = (null, [], 0, []);
                    if (!source.WaitForRows(cancellationToken)) return;
                    continue;
                }

                var input = NextCachedInput(running, ref mask, ref total);
                var active = 0;
                var finished = new List<GenerationRow>();
                using (var output = step.Run(input, past))
                {
                    past?.Dispose();
                    past = output.TakePresent();
                    for (var b = 0; b < running.Count; b++)
                    {
                        if (running[b].Finished) continue;
                        active++;
                        Advance(running[b], output.Logits(b, 0), finished);
                    }
                }
                Counters.Call(running.Count, active);
                Finish(finished, source, cancellationToken);
            }
        }
        finally
        {
            past?.Dispose();
        }
    }

    /// <summary>Prefills <paramref name="rows"/> on their own and advances each by one token.</summary>
    private (IDecoderState Past, long[] Mask, int Total) Prefill(List<GenerationRow> rows, IRowSource source, CancellationToken cancellationToken)
    {
        var (input, _, mask, total) = PrefillInput(rows);
        Counters.Prefill();
        var finished = new List<GenerationRow>();
        IDecoderState present;
        using (var output = step.Run(input, null))
        {
            present = output.TakePresent() ?? throw new InvalidOperationException("a KV-cache step returned no present state");
            for (var b = 0; b < rows.Count; b++) Advance(rows[b], output.Logits(b, total - 1), finished);
        }
        Counters.Call(rows.Count, rows.Count);
        try
        {
            Finish(finished, source, cancellationToken);
        }
        catch
        {
            present.Dispose();
            throw;
        }
        return (present, mask, total);
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

    /// <summary>Chooses the row's next token; a row that finishes with it is added to <paramref name="finished"/>.</summary>
    private void Advance(GenerationRow row, ReadOnlySpan<float> logits, List<GenerationRow> finished)
    {
        AdvanceRow(row, logits);
        if (row.Finished) finished.Add(row);
    }

    private void AdvanceRow(GenerationRow row, ReadOnlySpan<float> logits)
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
