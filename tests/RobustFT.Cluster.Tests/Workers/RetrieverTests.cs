using Akka.Actor;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Method;
using Xunit.Abstractions;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>The retriever actor over a real SQLite read model: the k clean samples most similar to a noisy one, best
/// first (never a sample that is not clean, never the sample itself); no clean sample means zero-shot; a malformed
/// request is answered with its error.</summary>
public sealed class RetrieverTests(ITestOutputHelper output) : WorkerActorTestKit(output)
{
    private static SampleRecord Record(string runId, string sampleId, string state, params float[] embedding) =>
        new() { RunId = runId, SampleId = sampleId, CurrentState = state, Embedding = embedding };

    [Fact]
    public async Task Retrieves_the_k_most_similar_clean_samples_best_first()
    {
        await Store.Database.Samples.SaveAsync("run1",
        [
            Record("run1", "c1", SampleStates.Clean, 1, 0, 0),
            Record("run1", "c2", SampleStates.Clean, 0.8f, 0.6f, 0),
            Record("run1", "c3", SampleStates.Clean, 0, 1, 0),
            Record("run1", "c4", SampleStates.Clean, 0, 0, 1),
            Record("run1", "n1", SampleStates.Retrieving, 1, 0, 0),
            Record("run1", "n2", SampleStates.AwaitingIndex, 0.99f, 0.1f, 0),
        ], offset: 6);
        await Store.Database.Samples.SaveAsync("run2", [Record("run2", "x1", SampleStates.Clean, 1, 0, 0)], offset: 1);
        var retriever = Sys.ActorOf(Retriever.Props(Store.Services()));

        retriever.Tell(new RetrieveRequest("run1", "n1", [1, 0.1f, 0], 3));
        var result = ExpectMsg<RetrieveCompleted>();

        Assert.Equal(("run1", "n1", (string?)null), (result.RunId, result.SampleId, result.Error));
        Assert.Equal(["c1", "c2", "c3"], result.NeighbourIds);
    }

    [Fact]
    public async Task A_run_without_clean_samples_retrieves_no_neighbours_and_relabels_zero_shot()
    {
        await Store.Database.Samples.SaveAsync("run1", [Record("run1", "n1", SampleStates.Retrieving, 1, 0)], offset: 1);
        var retriever = Sys.ActorOf(Retriever.Props(Store.Services()));

        retriever.Tell(new RetrieveRequest("run1", "n1", [1, 0], 4));
        var result = ExpectMsg<RetrieveCompleted>();

        Assert.Empty(result.NeighbourIds);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task A_query_of_the_wrong_dimension_is_answered_with_the_error()
    {
        await Store.Database.Samples.SaveAsync("run1", [Record("run1", "c1", SampleStates.Clean, 1, 0, 0)], offset: 1);
        var retriever = Sys.ActorOf(Retriever.Props(Store.Services()));

        retriever.Tell(new RetrieveRequest("run1", "n1", [1, 0], 4));
        var result = ExpectMsg<RetrieveCompleted>();

        Assert.Empty(result.NeighbourIds);
        Assert.Contains("dimensions", result.Error);
    }

    [Fact]
    public async Task Many_requests_are_answered_each_once_in_arrival_order_with_one_index_load()
    {
        var clean = Enumerable.Range(0, 60)
            .Select(i => Record("run1", $"c{i:D2}", SampleStates.Clean, MathF.Cos(i * 0.1f), MathF.Sin(i * 0.1f), i % 3)).ToList();
        await Store.Database.Samples.SaveAsync("run1", clean, offset: clean.Count);
        var retriever = Sys.ActorOf(Retriever.Props(Store.Services()));
        var requests = Enumerable.Range(0, 3 * Retriever.AnswersPerTurn + 5)
            .Select(i => new RetrieveRequest("run1", $"n{i:D3}", [MathF.Cos(i * 0.37f), MathF.Sin(i * 0.37f), i % 2], 4)).ToList();

        EventFilter.Info(contains: "clean index loaded").ExpectOne(() =>
        {
            foreach (var request in requests) retriever.Tell(request);
        });
        var answers = ReceiveN(requests.Count).Cast<RetrieveCompleted>().ToList();
        EventFilter.Info(contains: "clean index loaded").Expect(0, () =>
        {
            retriever.Tell(requests[0]);
            Assert.Equal(requests[0].SampleId, ExpectMsg<RetrieveCompleted>().SampleId);
        });

        Assert.Equal(requests.Select(r => r.SampleId), answers.Select(a => a.SampleId));
        var index = clean.OrderBy(c => c.SampleId, StringComparer.Ordinal).Select(c => (c.SampleId, c.Embedding!)).ToList();
        Assert.All(requests.Zip(answers), pair =>
            Assert.Equal(NearestNeighbours.TopK(pair.Item1.SampleId, pair.Item1.Vector, index, 4), pair.Item2.NeighbourIds));
    }
}
