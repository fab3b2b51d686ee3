using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Samples.Events;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Bench.Serialization;

/// <summary>
/// Serialize + deserialize time, allocations and bytes per message: Akka's default Newtonsoft JSON serializer against the
/// project's System.Text.Json serializer (the shipped bindings), on the messages a sample sends most and the events it
/// stores: a context-step GenerateRequest (few-shot prompt of several chat messages, with arrays
/// Newtonsoft can read), its GenerateCompleted (a reasoning-length answer with logprobs), and the sample events GenerationRecorded and
/// EmbeddingRecorded (a 384-dimension vector). <c>serializer [--iterations N] [--rounds R]</c>; best round reported.
/// </summary>
public static class SerializerBench
{
    public static int Run(string[] args)
    {
        var iterations = IntArg(args, "--iterations", 20_000);
        var rounds = IntArg(args, "--rounds", 5);
        var config = ConfigurationFactory.ParseString(AkkaSettings.ShippedSerialization() + "\nakka.loglevel = WARNING");
        using var system = ActorSystem.Create("serializer-bench", config);
        var newtonsoft = system.Serialization.FindSerializerForType(typeof(object));
        Console.WriteLine($"{iterations} round trips x {rounds} rounds (best), {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Console.WriteLine("| message | serializer | bytes | serialize µs | deserialize µs | round trip µs | allocated B/round trip |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (name, message) in Messages())
        {
            var project = system.Serialization.FindSerializerFor(message);
            if (project == newtonsoft) throw new InvalidOperationException($"{name} is not bound to the project's serializer");
            foreach (var serializer in new[] { project, newtonsoft })
            {
                var r = Measure(serializer, message, iterations, rounds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {serializer.GetType().Name} | {r.Bytes} | {r.SerializeUs:F2} | {r.DeserializeUs:F2} | {r.SerializeUs + r.DeserializeUs:F2} | {r.Allocated:F0} |"));
            }
        }
        return 0;
    }

    private static (int Bytes, double SerializeUs, double DeserializeUs, double Allocated) Measure(Serializer serializer, object message, int iterations, int rounds)
    {
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var type = message.GetType();
        object Read(byte[] bytes) => serializer is SerializerWithStringManifest s ? s.FromBinary(bytes, manifest) : serializer.FromBinary(bytes, type);
        var payload = serializer.ToBinary(message);
        if (Read(payload).GetType() != type) throw new InvalidOperationException($"{serializer.GetType().Name} read back a different type");
        for (var i = 0; i < iterations / 10; i++) Read(serializer.ToBinary(message)); // warm-up

        double bestWrite = double.MaxValue, bestRead = double.MaxValue, allocated = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++) payload = serializer.ToBinary(message);
            var write = clock.Elapsed.TotalMicroseconds / iterations;
            clock.Restart();
            for (var i = 0; i < iterations; i++) Read(payload);
            var read = clock.Elapsed.TotalMicroseconds / iterations;
            allocated = Math.Min(allocated, (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations);
            bestWrite = Math.Min(bestWrite, write);
            bestRead = Math.Min(bestRead, read);
        }
        return (payload.Length, bestWrite, bestRead, allocated);
    }

    private static IEnumerable<(string Name, object Message)> Messages()
    {
        const string run = "run-2026-11-29", sample = "arc-challenge-000421";
        var question = "A student places a metal spoon, a wooden spoon and a plastic spoon in a cup of hot water. After five minutes, " +
            "which spoon will feel the warmest at the handle, and why?\nA. the metal spoon, because metal conducts heat well\n" +
            "B. the wooden spoon, because wood absorbs water\nC. the plastic spoon, because plastic melts\nD. all the same, because they share the water";
        var messages = new List<ChatMessage> { ChatMessage.System("You are an expert in grade-school science. The answer must be uppercase letter.") };
        for (var i = 0; i < 3; i++)
        {
            messages.Add(ChatMessage.User($"Example {i + 1}: " + question.Replace("spoon", $"rod {i}")));
            messages.Add(ChatMessage.Assistant($"Heat travels fastest through the material that conducts best; the others insulate. Answer: {(char)('A' + i)}"));
        }
        messages.Add(ChatMessage.User(question + "\nAnswer with the letter of the correct option."));
        // Arrays: Akka's default Newtonsoft serializer, the comparison, cannot rebuild collection-expression lists.
        var request = new GenerateRequest($"{run}/{sample}/context", run, sample, "context", messages.ToArray(),
            new GenerationOptions(MaxNewTokens: 64, Temperature: 0, Seed: 7_342_118_905, StopStrings: new[] { "\n\n" }));
        var text = string.Concat(Enumerable.Repeat("Metal is a good conductor of heat, so energy from the water reaches its handle quickly. ", 12)) + "Answer: A";
        var logprobs = Enumerable.Range(0, 256).Select(i => -0.001f * (i % 97) - 0.0137f * (i % 5)).ToArray();
        var vector = Enumerable.Range(0, 384).Select(i => MathF.Sin(i * 0.37f) / 13.8f).ToArray();
        yield return ("GenerateRequest (context, 8 chat messages)", request);
        yield return ("GenerateCompleted (256 tokens)", new GenerateCompleted(request.RequestId, run, sample, "reasoning-1", text, logprobs, false, null));
        yield return ("GenerationRecorded (event)", new GenerationRecorded("reasoning-1", text, logprobs, null));
        yield return ("EmbeddingRecorded (event, 384 floats)", new EmbeddingRecorded(vector, null));
        yield return ("SelectionDecided", new SelectionDecided(run, sample, 118, true, 1.0986122886681098));
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
