using System.Text.Json;
using Akka;
using Akka.Actor;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Samples.Events;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>A run's samples moved through their journey by writing their events to the real journal (what the sample
/// entities would persist), with each sample's record kept alongside by the same <see cref="SampleJourney.Apply"/>, so
/// that tests can compare the projection's rows with the records the events make.</summary>
public sealed class JournalSamples(ActorSystem system, string runId, RunContext run)
{
    private readonly Dictionary<string, IActorRef> _writers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SampleRecord> _records = new(StringComparer.Ordinal);

    public string? StateOf(string sampleId) => _records.GetValueOrDefault(sampleId)?.CurrentState;

    /// <summary>The record as the read model stores it (JSON), for comparison with a stored row.</summary>
    public string Json(string sampleId) => JsonSerializer.Serialize(_records[sampleId], StoreJson.Options);

    public IEnumerable<string> Started => _records.Keys;

    public async Task WriteAsync(string sampleId, ISampleEvent e)
    {
        if (!_writers.TryGetValue(sampleId, out var writer))
            _writers[sampleId] = writer = system.ActorOf(Props.Create(() => new SampleEventWriter(runId, sampleId)));
        await writer.Ask<Done>(e, TimeSpan.FromSeconds(20));
        _records[sampleId] = SampleJourney.Apply(_records.GetValueOrDefault(sampleId), e, run);
    }

    /// <summary>Writes the sample's next events until it is in <paramref name="state"/>: a clean sample's experts answer
    /// its label, a noisy one's another letter; the context answer's entropy is <paramref name="entropy"/>.</summary>
    public async Task DriveAsync(string sampleId, string state, bool noisy = false, double entropy = 0.3)
    {
        while (StateOf(sampleId) != state)
        {
            var record = _records.GetValueOrDefault(sampleId);
            if (record is not null && SampleJourney.IsTerminal(record))
                throw new InvalidOperationException($"sample {sampleId} ended in {record.CurrentState} before reaching {state}");
            await WriteAsync(sampleId, Next(sampleId, record, noisy, entropy));
        }
    }

    /// <summary>A step error: the sample faults.</summary>
    public Task FaultAsync(string sampleId) =>
        WriteAsync(sampleId, new GenerationRecorded(SampleProgression.ExpectedStep(_records[sampleId]) ?? "base", "", [], "model failed"));

    private ISampleEvent Next(string sampleId, SampleRecord? record, bool noisy, double entropy)
    {
        var label = run.Sample(sampleId).Label;
        var answer = noisy ? (label == "A" ? "B" : "A") : label;
        return record?.CurrentState switch
        {
            null => new SampleStarted(runId, sampleId),
            SampleStates.Detecting or SampleStates.Reasoning =>
                new GenerationRecorded(SampleProgression.ExpectedStep(record)!, $"Answer: {answer}", [-0.1f], null),
            SampleStates.Embedding => new EmbeddingRecorded([1f, 0f], null),
            SampleStates.AwaitingIndex => new IndexReleased(),
            SampleStates.Retrieving => new NeighboursRecorded([], null),
            SampleStates.Relabeling => new GenerationRecorded(SampleSteps.Context, "Answer: C", [(float)-entropy], null),
            SampleStates.Reviewing => new GenerationRecorded(SampleSteps.Review, "Answer: C", [-0.1f], null),
            var other => throw new InvalidOperationException($"sample {sampleId} in {other} needs the coordinator's message"),
        };
    }
}
