using System.Diagnostics;
using RobustFT.Core.Randomness;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Backends;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.Tokenization;
using RobustFT.Inference.TinyModels;

namespace RobustFT.Inference.Benchmarking;

/// <summary>Tokens/s of a decoder export: through <see cref="BatchGenerator"/> (greedy, no EOS, KV cache) and through
/// <see cref="RawDecodeLoop"/> with the same prompts and number of decode steps, per batch size, after a warm-up (so
/// the JIT is not timed); and a mixed-length workload through static and iteration-level batching.
/// Usage: <c>dotnet run -c Release --project bench/RobustFT.Bench [-- --preset tiny|small --new-tokens 64 --prompt 32 --repeats 3 --threads 0 --mixed 48 --rows 16]</c>.</summary>
public static class DecoderThroughputBench
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    /// <summary>A random-weight decoder of the given preset, written to a temp directory (the bench project's entry point).</summary>
    public static int Run(string[] args)
    {
        var directory = Directory.CreateTempSubdirectory("robustft-bench-").FullName;
        try
        {
            var preset = args.SkipWhile(a => a != "--preset").Skip(1).FirstOrDefault() ?? "tiny";
            TinyModelExporter.WriteDecoder(directory, decoderSpec: TinyGptSpec.Preset(preset));
            var config = new SessionConfig(IntraOpThreads: Option(args, "--threads", 0));
            var results = Measure(directory, config, [1, 8, 32], Option(args, "--prompt", 32), Option(args, "--new-tokens", 64), Option(args, "--repeats", 3), Console.Out);
            Console.WriteLine($"batch 32 / batch 1 (generator): {results[^1].GeneratorTokensPerSecond / results[0].GeneratorTokensPerSecond:F1}x");
            if (Option(args, "--mixed", 0) is > 0 and var mixed)
                MeasureMixed(directory, config, mixed, Option(args, "--rows", 16), Option(args, "--repeats", 3), Console.Out);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Measures a decoder export (<paramref name="modelDirectory"/>: model + tokenizer.json) at each batch size,
    /// best of <paramref name="repeats"/> after a warm-up; writes a Markdown table to <paramref name="log"/> when given.</summary>
    public static IReadOnlyList<BenchResult> Measure(string modelDirectory, SessionConfig config, IReadOnlyList<int> batches, int promptLength,
        int newTokens, int repeats, TextWriter? log)
    {
        using var model = BenchModel.Open(modelDirectory, config);
        var generator = model.Generator(new GeneratorSettings(model.ContextWindow(promptLength + newTokens), new HashSet<int>(), model.PadId));

        log?.WriteLine($"ONNX Runtime {OnnxRuntimeInfo.Version} ({config.ExecutionProvider}), {Environment.ProcessorCount} cores, intra-op threads {(config.IntraOpThreads == 0 ? "default" : config.IntraOpThreads)}, " +
                       $"prompt {promptLength} tokens, {newTokens} new tokens, best of {repeats} after a {WarmUp.TotalSeconds:F0} s warm-up");
        log?.WriteLine("| batch | generator tok/s | raw ORT tok/s | generator / raw | generator time outside ORT |");
        log?.WriteLine("|---:|---:|---:|---:|---:|");
        var results = new List<BenchResult>();
        var warm = false;
        foreach (var batch in batches)
        {
            var prompts = Enumerable.Range(0, batch).Select(b => Prompt(b, promptLength, model.Vocabulary)).ToArray();
            var requests = prompts.Select(p => new GenerationPrompt(p, new GenerationOptions(MaxNewTokens: newTokens))).ToArray();
            var tokens = (double)batch * newTokens;
            void Generate() => Check(generator.Generate(requests), newTokens);
            void Raw() => RawDecodeLoop.Run(model.Step.Session, model.Step.Layout, prompts, newTokens);
            var warmUp = Stopwatch.StartNew();
            do
            {
                Generate();
                Raw();
            } while (!warm && warmUp.Elapsed < WarmUp);
            warm = true;
            var generatorSeconds = double.MaxValue;
            var rawSeconds = double.MaxValue;
            var outside = 1.0;
            for (var r = 0; r < repeats; r++)
            {
                // Alternate the order so a burst of load from other processes does not always hit the same side.
                if (r % 2 == 1) rawSeconds = Math.Min(rawSeconds, Time(Raw));
                model.Timed.Reset();
                var seconds = Time(Generate);
                outside = Math.Min(outside, 1 - model.Timed.Elapsed.TotalSeconds / seconds);
                generatorSeconds = Math.Min(generatorSeconds, seconds);
                if (r % 2 == 0) rawSeconds = Math.Min(rawSeconds, Time(Raw));
            }
            var result = new BenchResult(batch, promptLength, newTokens, tokens / generatorSeconds, tokens / rawSeconds, outside);
            results.Add(result);
            log?.WriteLine($"| {batch} | {result.GeneratorTokensPerSecond:F0} | {result.RawTokensPerSecond:F0} | {result.Ratio:P0} | {outside:P1} |");
        }
        return results;
    }

    /// <summary>The mixed-length workload (<see cref="MixedWorkload"/>, <paramref name="requests"/> requests) with at most
    /// <paramref name="runningRows"/> rows decoding together, arriving as worker calls of <paramref name="runningRows"/>
    /// requests: static (one static batch per call, the calls one after another), iteration-level (one generator call
    /// over the whole workload, waiting requests admitted as rows finish) and continuous (<see cref="ContinuousGenerator"/>:
    /// the calls arrive over time, a new call submitted whenever fewer than <see cref="ContinuousCallsInFlight"/> are
    /// outstanding, as the worker's gate does, and its requests join the running batch). All must give the same tokens
    /// (checked).</summary>
    public static IReadOnlyList<MixedBenchResult> MeasureMixed(string modelDirectory, SessionConfig config, int requests, int runningRows, int repeats, TextWriter? log)
    {
        using var model = BenchModel.Open(modelDirectory, config);
        var prompts = MixedWorkload.Create(requests, model.Vocabulary);
        var context = model.ContextWindow(MixedWorkload.MaxPrompt + MixedWorkload.MaxAnswer);
        log?.WriteLine($"mixed workload: {requests} requests, prompts {MixedWorkload.MinPrompt}–{MixedWorkload.MaxPrompt} tokens, answers {MixedWorkload.MinAnswer}–{MixedWorkload.MaxAnswer} tokens, " +
                       $"{prompts.Sum(p => p.Options.MaxNewTokens)} tokens to generate, at most {runningRows} rows decoding together, best of {repeats}");
        log?.WriteLine("| batching | tok/s | mean batch occupancy | decoder calls | prefills | admitted mid-batch |");
        log?.WriteLine("|---|---:|---:|---:|---:|---:|");
        var results = new List<MixedBenchResult>();
        IReadOnlyList<GeneratedSequence>? first = null;
        foreach (var mode in new[] { "static", "iteration-level", "continuous" })
        {
            var settings = new GeneratorSettings(context, new HashSet<int>(), model.PadId) { MaxRunningRows = runningRows, IterationLevel = mode != "static" };
            var best = double.MaxValue;
            IReadOnlyList<GeneratedSequence> output = [];
            GeneratorCounters counters;
            if (mode == "continuous")
            {
                using var engine = model.Continuous(settings);
                for (var r = 0; r < repeats; r++)
                {
                    engine.Counters.Reset();
                    best = Math.Min(best, Time(() => output = SubmitAsCalls(engine, prompts, runningRows)));
                }
                counters = engine.Counters;
            }
            else
            {
                var generator = model.Generator(settings);
                for (var r = 0; r < repeats; r++)
                {
                    generator.Counters.Reset();
                    best = Math.Min(best, Time(() => output = generator.Generate(prompts)));
                }
                counters = generator.Counters;
            }
            for (var i = 0; i < prompts.Length; i++)
                if (output[i].TokenIds.Count != prompts[i].Options.MaxNewTokens || (first is not null && !first[i].TokenIds.SequenceEqual(output[i].TokenIds)))
                    throw new InvalidOperationException($"{mode}: request {i} differs from static batching or is incomplete");
            first ??= output;
            var tokens = output.Sum(o => (long)o.TokenIds.Count);
            var result = new MixedBenchResult(mode, requests, runningRows, tokens, tokens / best, counters.Occupancy, counters.Calls, counters.Prefills)
                { AdmittedRows = counters.AdmittedRows };
            results.Add(result);
            log?.WriteLine($"| {mode} | {result.TokensPerSecond:F0} | {result.Occupancy:P0} | {result.Calls} | {result.Prefills} | {result.AdmittedRows} |");
        }
        return results;
    }

    /// <summary>Worker calls the continuous mode keeps outstanding (what the worker's generation gate allows with
    /// max-batch-size = max-running-rows).</summary>
    public const int ContinuousCallsInFlight = 2;

    /// <summary>Submits <paramref name="prompts"/> as calls of <paramref name="callSize"/> requests, the next call as soon
    /// as fewer than <see cref="ContinuousCallsInFlight"/> are outstanding; the results in request order.</summary>
    private static GeneratedSequence[] SubmitAsCalls(ContinuousGenerator engine, GenerationPrompt[] prompts, int callSize)
    {
        var results = new Task<GeneratedSequence>[prompts.Length];
        var calls = new List<Task>();
        for (var start = 0; start < prompts.Length; start += callSize)
        {
            if (calls.Count(c => !c.IsCompleted) >= ContinuousCallsInFlight) Task.WaitAny([.. calls.Where(c => !c.IsCompleted)]);
            var call = Enumerable.Range(start, Math.Min(callSize, prompts.Length - start)).Select(i => results[i] = engine.SubmitAsync(prompts[i])).ToArray();
            calls.Add(Task.WhenAll(call));
        }
        return Task.WhenAll(results).GetAwaiter().GetResult();
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
