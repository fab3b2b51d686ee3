using RobustFT.Core.Randomness;
using System.Diagnostics;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Backends;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.Tokenization;
using RobustFT.Inference.TinyModels;

namespace RobustFT.Inference.Benchmarking;

/// <summary>Tokens/s of the tiny decoder at batch 1, 8 and 32: through <see cref="BatchGenerator"/> (greedy, no EOS,
/// KV cache) and through <see cref="RawDecodeLoop"/> with the same prompts and number of decode steps.
/// Usage: <c>dotnet run -c Release --project bench/RobustFT.Bench [-- --new-tokens 64 --prompt 32 --repeats 3 --threads 0]</c>.</summary>
public static class DecoderThroughputBench
{
    /// <summary>The tiny smoke decoder, written to a temp directory (the bench project's entry point).</summary>
    public static int Run(string[] args)
    {
        var directory = Directory.CreateTempSubdirectory("robustft-bench-").FullName;
        try
        {
            TinyModelExporter.WriteDecoder(directory);
            var results = Measure(directory, new SessionConfig(IntraOpThreads: Option(args, "--threads", 0)), [1, 8, 32], Option(args, "--prompt", 32),
                Option(args, "--new-tokens", 64), Option(args, "--repeats", 3), Console.Out);
            Console.WriteLine($"batch 32 / batch 1 (generator): {results[^1].GeneratorTokensPerSecond / results[0].GeneratorTokensPerSecond:F1}x");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Measures a decoder export (<paramref name="modelDirectory"/>: model + tokenizer.json) at each batch size,
    /// best of <paramref name="repeats"/>; writes a Markdown table to <paramref name="log"/> when given.</summary>
    public static IReadOnlyList<BenchResult> Measure(string modelDirectory, SessionConfig config, IReadOnlyList<int> batches, int promptLength,
        int newTokens, int repeats, TextWriter? log)
    {
        var modelPath = ModelFiles.Find(modelDirectory, ModelFiles.DecoderCandidates);
        using var step = OnnxDecoderStep.Open(modelPath, config);
        var tokenizer = HfTokenizer.Load(modelDirectory);
        var contextWindow = ModelConfig.Read(modelDirectory).ContextWindow ?? promptLength + newTokens;
        var timed = new TimedDecoderStep(step);
        var generator = new BatchGenerator(timed, tokenizer, new GeneratorSettings(contextWindow, new HashSet<int>(), tokenizer.PadTokenId ?? 0));
        var vocabulary = Math.Min(step.VocabSize, tokenizer.VocabSize);

        log?.WriteLine($"ONNX Runtime {OnnxRuntimeInfo.Version} ({config.ExecutionProvider}), {Environment.ProcessorCount} cores, intra-op threads {(config.IntraOpThreads == 0 ? "default" : config.IntraOpThreads)}, " +
                       $"prompt {promptLength} tokens, {newTokens} new tokens, best of {repeats}");
        log?.WriteLine("| batch | generator tok/s | raw ORT tok/s | generator / raw | generator time outside ORT |");
        log?.WriteLine("|---:|---:|---:|---:|---:|");
        var results = new List<BenchResult>();
        foreach (var batch in batches)
        {
            var prompts = Enumerable.Range(0, batch).Select(b => Prompt(b, promptLength, vocabulary)).ToArray();
            var requests = prompts.Select(p => new GenerationPrompt(p, new GenerationOptions(MaxNewTokens: newTokens))).ToArray();
            var tokens = (double)batch * newTokens;
            void Generate() => Check(generator.Generate(requests), newTokens);
            void Raw() => RawDecodeLoop.Run(step.Session, step.Layout, prompts, newTokens);
            Generate();
            Raw();
            var generatorSeconds = double.MaxValue;
            var rawSeconds = double.MaxValue;
            var outside = 1.0;
            for (var r = 0; r < repeats; r++)
            {
                // Alternate the order so a burst of load from other processes does not always hit the same side.
                if (r % 2 == 1) rawSeconds = Math.Min(rawSeconds, Time(Raw));
                timed.Reset();
                var seconds = Time(Generate);
                outside = Math.Min(outside, 1 - timed.Elapsed.TotalSeconds / seconds);
                generatorSeconds = Math.Min(generatorSeconds, seconds);
                if (r % 2 == 0) rawSeconds = Math.Min(rawSeconds, Time(Raw));
            }
            var result = new BenchResult(batch, promptLength, newTokens, tokens / generatorSeconds, tokens / rawSeconds);
            results.Add(result);
            log?.WriteLine($"| {batch} | {result.GeneratorTokensPerSecond:F0} | {result.RawTokensPerSecond:F0} | {result.Ratio:P0} | {outside:P1} |");
        }
        return results;
    }

    private static void Check(IReadOnlyList<GeneratedSequence> results, int newTokens)
    {
        foreach (var result in results)
            if (result.TokenIds.Count != newTokens) throw new InvalidOperationException($"expected {newTokens} tokens, got {result.TokenIds.Count} ({result.FinishReason})");
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static int[] Prompt(int seed, int length, int vocabulary)
    {
        var random = new SplitMix64(seed + 1);
        return Enumerable.Range(0, length).Select(_ => (int)(random.NextUInt64() % (ulong)vocabulary)).ToArray();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }
}
