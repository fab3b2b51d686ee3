using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Tests.Onnx.Runtime;
using RobustFT.Inference.Tests.TinyModels;

namespace RobustFT.Inference.Tests.Generation;

/// <summary>Iteration-level batching: requests of different prompt and answer lengths join a running batch as rows
/// finish, and every request still gets the tokens and logprobs of one-at-a-time greedy generation. Runs in the ONNX
/// Runtime collection (never in parallel with the memory-measuring tests).</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class IterationLevelBatchingTests
{
    private static TinyModelsFixture Models => TinyModelsFixture.Shared;

    private static GenerationPrompt[] MixedPrompts(int count = 9) => ReferenceModels.MixedPrompts(count);

    private static BatchGenerator OnnxGenerator(int maxRunningRows, bool iterationLevel, bool cached = true) =>
        new(cached ? Models.CachedStep : Models.NoCacheStep, new TinyByteTokenizer(),
            ReferenceModels.Settings() with { MaxRunningRows = maxRunningRows, IterationLevel = iterationLevel });

    // cached: the ONNX step on the CPU splices the continuing rows' cache; not cached: the batch is recomputed.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Requests_admitted_mid_batch_get_the_tokens_and_logprobs_of_one_at_a_time_generation(bool cached)
    {
        var prompts = MixedPrompts();
        var generator = OnnxGenerator(maxRunningRows: 3, iterationLevel: true, cached);

        var results = generator.Generate(prompts);

        Assert.True(generator.Counters.Prefills > 3, $"requests were admitted into running batches ({generator.Counters.Prefills} prefills)");
        var alone = OnnxGenerator(maxRunningRows: 1, iterationLevel: false, cached);
        for (var i = 0; i < prompts.Length; i++)
        {
            var expected = alone.Generate([prompts[i]])[0];
            Assert.Equal(prompts[i].Options.MaxNewTokens, results[i].TokenIds.Count);
            Assert.Equal(expected.TokenIds, results[i].TokenIds);
            for (var k = 0; k < expected.Logprobs.Count; k++) Assert.Equal(expected.Logprobs[k], results[i].Logprobs[k], 1e-5);
        }
    }

    [Fact]
    public void A_kv_cache_step_that_cannot_splice_recomputes_the_reformed_batch_and_gives_the_same_tokens()
    {
        var prompts = MixedPrompts();
        var generator = ReferenceModels.Generator(useKvCache: true, ReferenceModels.Settings() with { MaxRunningRows = 3 });

        var results = generator.Generate(prompts);

        Assert.True(generator.Counters.Prefills > 3);
        var alone = ReferenceModels.Generator(useKvCache: true);
        for (var i = 0; i < prompts.Length; i++)
        {
            var expected = alone.Generate([prompts[i]])[0];
            Assert.Equal(expected.TokenIds, results[i].TokenIds);
            for (var k = 0; k < expected.Logprobs.Count; k++) Assert.Equal(expected.Logprobs[k], results[i].Logprobs[k], 1e-5);
        }
    }

    [Fact]
    public void Iteration_level_batching_keeps_the_batch_fuller_than_static_batching_on_mixed_lengths()
    {
        var prompts = MixedPrompts(12);
        var iteration = OnnxGenerator(maxRunningRows: 4, iterationLevel: true);
        var fixedBatches = OnnxGenerator(maxRunningRows: 4, iterationLevel: false);

        var a = iteration.Generate(prompts);
        var b = fixedBatches.Generate(prompts);

        Assert.Equal(b.Select(r => r.TokenIds), a.Select(r => r.TokenIds));
        Assert.Equal(3, fixedBatches.Counters.Prefills);
        Assert.True(iteration.Counters.Occupancy > fixedBatches.Counters.Occupancy,
            $"occupancy iteration-level {iteration.Counters.Occupancy:P0} vs static {fixedBatches.Counters.Occupancy:P0}");
        Assert.True(iteration.Counters.Calls < fixedBatches.Counters.Calls,
            $"decoder calls iteration-level {iteration.Counters.Calls} vs static {fixedBatches.Counters.Calls}");
    }

    [Fact]
    public void Rows_ending_on_eos_or_a_stop_string_free_their_place_for_waiting_requests()
    {
        var eos = ReferenceModels.Generator().Generate([new GenerationPrompt(ReferenceModels.Prompt(60, 5), new GenerationOptions(MaxNewTokens: 8))])[0].TokenIds[2];
        var settings = ReferenceModels.Settings(false, eos) with { MaxRunningRows = 2 };
        var prompts = MixedPrompts(6)
            .Append(new GenerationPrompt(ReferenceModels.Prompt(60, 5), new GenerationOptions(MaxNewTokens: 8)))
            .Append(new GenerationPrompt(ReferenceModels.Prompt(61, 4), new GenerationOptions(MaxNewTokens: 10, StopStrings: ["a"])))
            .ToArray();
        var generator = new BatchGenerator(Models.CachedStep, new TinyByteTokenizer(), settings);

        var results = generator.Generate(prompts);

        var alone = new BatchGenerator(Models.CachedStep, new TinyByteTokenizer(), settings with { MaxRunningRows = 1 });
        for (var i = 0; i < prompts.Length; i++)
        {
            var expected = alone.Generate([prompts[i]])[0];
            Assert.Equal(expected.TokenIds, results[i].TokenIds);
            Assert.Equal(expected.FinishReason, results[i].FinishReason);
            Assert.Equal(expected.Text, results[i].Text);
        }
        Assert.Equal("eos", results[^2].FinishReason);
    }
}
