using System.Diagnostics;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OrtSessionMemoryTests
{
    private const int Runs = 10_000;
    private const long MaxGrowthBytes = 30L * 1024 * 1024;

    // 512 rows: each run's output is 8 KiB of native memory, so leaking outputs (or inputs) would add 80 MB or more.
    private const int Batch = 512;

    [Fact]
    public void Ten_thousand_runs_do_not_grow_native_memory_beyond_30_MB()
    {
        using var session = OnnxSession.FromBytes(
            TestModels.SoftmaxClassifier(), new SessionConfig(IntraOpThreads: 1, InterOpThreads: 1));
        var x = new float[Batch * 3];
        for (var i = 0; i < 500; i++)
        {
            RunOnce(session, x, i);
        }

        var before = ProcessMemory.ResidentBytesAfterCollection();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            RunOnce(session, x, i);
        }

        watch.Stop();
        var after = ProcessMemory.ResidentBytesAfterCollection();

        Assert.True(
            after - before < MaxGrowthBytes,
            $"VmRSS grew by {(after - before) / 1024} KiB over {Runs} runs (before {before / 1024} KiB, after {after / 1024} KiB).");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{Runs} runs took {watch.Elapsed}.");
    }

    private static void RunOnce(OnnxSession session, float[] x, int i)
    {
        x[i % x.Length] = i % 7;
        using var input = OnnxTestRuns.Tensor(x, Batch, 3);
        using var results = session.Run([("x", input)], ["probs"]);
        var probs = results[0].GetTensorDataAsSpan<float>();
        Assert.Equal(Batch * 4, probs.Length);
        var sum = 0f;
        for (var c = 0; c < 4; c++)
        {
            sum += probs[c];
        }

        Assert.InRange(sum, 0.999f, 1.001f);
    }
}
