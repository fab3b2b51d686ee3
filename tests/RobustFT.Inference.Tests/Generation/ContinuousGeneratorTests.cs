using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Tests.Onnx.Runtime;
using RobustFT.Inference.Tests.TinyModels;

namespace RobustFT.Inference.Tests.Generation;

/// <summary>Continuous batching (<see cref="ContinuousGenerator"/>) on real ORT sessions of the tiny decoder: requests
/// submitted while others decode join the running batch and still get the tokens and logprobs of one-at-a-time
/// generation. Submissions are made from the decode loop's own calls (<see cref="ObservedDecoderStep"/>), so they
/// arrive mid-batch on every run. Expected results are computed before an engine starts: the shared steps serve one
/// caller at a time.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class ContinuousGeneratorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static TinyModelsFixture Models => TinyModelsFixture.Shared;

    private static IDecoderStep Step(bool cached) => cached ? Models.CachedStep : Models.NoCacheStep;

    private static GenerationPrompt[] MixedPrompts(int count, int seed = 40) => ReferenceModels.MixedPrompts(count, seed);

    private static GeneratedSequence[] Alone(IReadOnlyList<GenerationPrompt> prompts, bool cached, GeneratorSettings? settings = null)
    {
        var alone = new BatchGenerator(Step(cached), new TinyByteTokenizer(), (settings ?? ReferenceModels.Settings()) with { MaxRunningRows = 1, IterationLevel = false });
        return prompts.Select(p => alone.Generate([p])[0]).ToArray();
    }

    private static void AssertSameAs(GeneratedSequence expected, GeneratedSequence actual)
    {
        Assert.Equal(expected.TokenIds, actual.TokenIds);
        Assert.Equal(expected.FinishReason, actual.FinishReason);
        Assert.Equal(expected.Logprobs.Count, actual.Logprobs.Count);
        for (var k = 0; k < expected.Logprobs.Count; k++) Assert.Equal(expected.Logprobs[k], actual.Logprobs[k], 1e-5);
    }

    // cached: the ONNX step on the CPU splices newcomers' cache in; not cached: the batch is recomputed.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Requests_submitted_while_others_decode_join_the_running_batch_and_get_one_at_a_time_results(bool cached)
    {
        var first = new GenerationPrompt(ReferenceModels.Prompt(30, 6), new GenerationOptions(MaxNewTokens: 30));
        var later = MixedPrompts(8);
        var expected = Alone([first, .. later], cached);
        var results = new Task<GeneratedSequence>[later.Length];
        var submitted = 0;
        ContinuousGenerator? engine = null;
        // From the third decoder call on, one request arrives per call while the first one is still decoding.
        var step = new ObservedDecoderStep(Step(cached), (call, _) =>
        {
            if (call >= 3 && submitted < later.Length) results[submitted] = engine!.SubmitAsync(later[submitted++]);
        });
        using (engine = new ContinuousGenerator(step, new TinyByteTokenizer(), ReferenceModels.Settings() with { MaxRunningRows = 4 }))
        {
            var firstResult = await engine.SubmitAsync(first).WaitAsync(Timeout);

            Assert.Equal(later.Length, submitted);
            var laterResults = await Task.WhenAll(results).WaitAsync(Timeout);
            Assert.True(engine.Counters.AdmittedRows >= 4, $"requests joined a running batch ({engine.Counters.AdmittedRows} admitted)");
            AssertSameAs(expected[0], firstResult);
            for (var i = 0; i < later.Length; i++) AssertSameAs(expected[i + 1], laterResults[i]);
        }
    }

    [Fact]
    public async Task A_score_alone_submission_joining_a_running_batch_gets_the_bit_identical_numbers_of_generation_alone()
    {
        var settings = ReferenceModels.Settings(entropy: true) with { MaxRunningRows = 3 };
        var target = new GenerationPrompt(ReferenceModels.Prompt(7, 5), new GenerationOptions(MaxNewTokens: 12, ScoreAlone: true));
        var alone = new BatchGenerator(Models.CachedStep, new TinyByteTokenizer(), settings with { MaxRunningRows = 0, IterationLevel = false }).Generate([target])[0];
        var companions = MixedPrompts(5, seed: 300);
        Task<GeneratedSequence>? targetResult = null;
        ContinuousGenerator? engine = null;
        var step = new ObservedDecoderStep(Models.CachedStep, (call, _) =>
        {
            if (call == 4) targetResult = engine!.SubmitAsync(target);
        });
        using (engine = new ContinuousGenerator(step, new TinyByteTokenizer(), settings))
        {
            var others = companions.Select(p => engine.SubmitAsync(p)).ToArray();
            await Task.WhenAll(others).WaitAsync(Timeout);
            var batched = await targetResult!.WaitAsync(Timeout);

            Assert.True(engine.Counters.AdmittedRows > 0);
            Assert.Equal(alone.TokenIds, batched.TokenIds);
            Assert.Equal(alone.Logprobs, batched.Logprobs); // exact: float equality, no tolerance
            Assert.Equal(alone.Entropies, batched.Entropies);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cancelling_one_submission_leaves_the_others_with_their_one_at_a_time_results(bool cached)
    {
        var prompts = MixedPrompts(6);
        prompts[0] = prompts[0] with { Options = new GenerationOptions(MaxNewTokens: 20) }; // decoding when cancelled
        var expected = Alone(prompts, cached);
        using var running = new CancellationTokenSource();
        using var waiting = new CancellationTokenSource();
        var step = new ObservedDecoderStep(Step(cached), (call, _) =>
        {
            if (call != 4) return;
            running.Cancel();
            waiting.Cancel();
        });
        using var engine = new ContinuousGenerator(step, new TinyByteTokenizer(), ReferenceModels.Settings() with { MaxRunningRows = 2 });

        var tasks = prompts.Select((p, i) => engine.SubmitAsync(p, i switch { 0 => running.Token, 5 => waiting.Token, _ => CancellationToken.None })).ToArray();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tasks[0].WaitAsync(Timeout));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tasks[5].WaitAsync(Timeout));
        for (var i = 1; i < 5; i++) AssertSameAs(expected[i], await tasks[i].WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_failing_decoder_call_faults_the_submissions_in_its_batch_and_the_loop_serves_the_next_ones()
    {
        var prompts = MixedPrompts(3).Select(p => p with { Options = new GenerationOptions(MaxNewTokens: 10) }).ToArray();
        var next = new GenerationPrompt(ReferenceModels.Prompt(90, 9), new GenerationOptions(MaxNewTokens: 6));
        var expected = Alone([next], cached: true)[0];
        using var allSubmitted = new ManualResetEventSlim();
        var thrown = false;
        // The first call waits until the three requests are submitted; the first call carrying all three fails.
        var step = new ObservedDecoderStep(Models.CachedStep, (call, batch) =>
        {
            if (call == 1) allSubmitted.Wait(Timeout);
            if (batch.BatchSize != 3 || thrown) return;
            thrown = true;
            throw new InvalidOperationException("device lost");
        });
        using var engine = new ContinuousGenerator(step, new TinyByteTokenizer(), ReferenceModels.Settings() with { MaxRunningRows = 4 });

        var failed = prompts.Select(p => engine.SubmitAsync(p)).ToArray();
        allSubmitted.Set();
        foreach (var task in failed)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => task.WaitAsync(Timeout));
            Assert.Contains("decode loop failed", error.Message);
            Assert.Contains("device lost", error.Message);
        }
        AssertSameAs(expected, await engine.SubmitAsync(next).WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_stream_of_mixed_length_submissions_keeps_the_batch_fuller_than_one_static_batch_per_call()
    {
        // Three worker calls of four requests each, the next call's requests arriving while the previous call decodes.
        var prompts = MixedPrompts(12);
        var perCall = new BatchGenerator(Models.CachedStep, new TinyByteTokenizer(), ReferenceModels.Settings() with { MaxRunningRows = 0, IterationLevel = false });
        var staticResults = prompts.Chunk(4).SelectMany(call => perCall.Generate(call)).ToArray();

        var tasks = new Task<GeneratedSequence>[prompts.Length];
        var submitted = 0;
        ContinuousGenerator? engine = null;
        void SubmitCall() { for (var i = 0; i < 4; i++, submitted++) tasks[submitted] = engine!.SubmitAsync(prompts[submitted]); }
        var step = new ObservedDecoderStep(Models.CachedStep, (call, _) =>
        {
            lock (tasks)
                if (call % 3 == 0 && submitted < prompts.Length) SubmitCall();
        });
        using (engine = new ContinuousGenerator(step, new TinyByteTokenizer(), ReferenceModels.Settings() with { MaxRunningRows = 4 }))
        {
            lock (tasks) SubmitCall();
            var deadline = DateTime.UtcNow + Timeout;
            while (Volatile.Read(ref submitted) < prompts.Length && DateTime.UtcNow < deadline) await Task.Delay(10);
            Assert.Equal(prompts.Length, Volatile.Read(ref submitted));
            var continuous = await Task.WhenAll(tasks).WaitAsync(Timeout);

            Assert.Equal(staticResults.Select(r => r.TokenIds), continuous.Select(r => r.TokenIds));
            Assert.True(engine.Counters.Occupancy > perCall.Counters.Occupancy,
                $"occupancy continuous {engine.Counters.Occupancy:P0} vs one static batch per call {perCall.Counters.Occupancy:P0}");
        }
    }
}
