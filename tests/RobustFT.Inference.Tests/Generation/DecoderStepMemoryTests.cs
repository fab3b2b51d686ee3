using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Tests.Onnx.Runtime;
using RobustFT.Inference.Tests.TinyModels;

namespace RobustFT.Inference.Tests.Generation;

/// <summary>The KV-cache decoder step (I/O binding, pooled ORT-allocated cache buffers) does not leak native memory
/// over 10,000 calls. Runs in the ONNX Runtime collection, never in parallel with other ORT tests.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class DecoderStepMemoryTests
{
    private const long MaxGrowthBytes = 30L * 1024 * 1024;

    [Fact]
    public void Ten_thousand_cached_decoder_calls_do_not_grow_native_memory_beyond_30_MB()
    {
        var generator = new BatchGenerator(TinyModelsFixture.Shared.CachedStep, new TinyByteTokenizer(), ReferenceModels.Settings());
        var prompts = Enumerable.Range(0, 4)
            .Select(i => new GenerationPrompt(ReferenceModels.Prompt(70 + i, 3 + 5 * i), new GenerationOptions(MaxNewTokens: 20)))
            .ToArray();
        for (var i = 0; i < 20; i++) generator.Generate(prompts);

        var before = ProcessMemory.ResidentBytesAfterCollection();
        generator.Counters.Reset();
        while (generator.Counters.Calls < 10_000) generator.Generate(prompts);
        var after = ProcessMemory.ResidentBytesAfterCollection();

        Assert.True(after - before < MaxGrowthBytes,
            $"VmRSS grew by {(after - before) / 1024} KiB over {generator.Counters.Calls} calls (before {before / 1024} KiB, after {after / 1024} KiB).");
    }
}
