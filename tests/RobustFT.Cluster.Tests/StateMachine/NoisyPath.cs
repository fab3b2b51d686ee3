using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Tests.StateMachine;

/// <summary>
/// The worker's and coordinator's side of a noisy sample's whole journey, scripted: both experts answer C where the
/// label is B, the LLM checker (when configured) says the label looks noisy, retrieval finds s2 and s3, the context
/// expert answers A, the reviewer answers C. <see cref="DriveToAsync"/> plays it until the saga reaches a given state.
/// </summary>
public static class NoisyPath
{
    public const string Sample = "s1";
    public const string ExpertText = "The plant takes in this gas.\nAnswer: C";
    public const string ContextText = "Answer: A";
    public const string ReviewText = "Both predictions considered.\nAnswer: C";
    public static readonly float[] Embedding = [0.6f, 0.8f];
    public static readonly string[] Neighbours = ["s2", "s3"];
    public static readonly float[] ContextLogprobs = [-0.5f, -1.5f];

    public static async Task<SampleSaga> DriveToAsync(SampleSagaHarness h, string state, string sampleId = Sample)
    {
        foreach (var step in Steps(h, sampleId))
        {
            await step();
            var saga = h.Find(sampleId);
            if (saga?.CurrentState == state) return saga;
        }
        throw new InvalidOperationException($"the noisy path never reaches state {state}; sample {sampleId} ended in {h.Find(sampleId)?.CurrentState}");
    }

    private static IEnumerable<Func<Task>> Steps(SampleSagaHarness h, string sampleId)
    {
        var id = h.IdOf(sampleId);
        var method = h.Run.Settings.Method;
        yield return () => h.StartSampleAsync(sampleId);
        yield return () => h.CompleteAsync(sampleId, SampleSteps.Base, ExpertText);
        for (var round = 1; round <= method.ReasoningRounds; round++)
        {
            var step = SampleSteps.ReasoningRound(round);
            yield return () => h.CompleteAsync(sampleId, step, ExpertText);
        }
        if (method.Checker == CheckerRule.Llm)
            yield return () => h.CompleteAsync(sampleId, SampleSteps.Checker, "Answer: Y");
        yield return () => h.DeliverAsync(new EmbedCompleted(id, Embedding, false, null));
        yield return () => h.DeliverAsync(new IndexReady(id, h.RunId));
        yield return () => h.DeliverAsync(new RetrieveCompleted(id, Neighbours, null));
        yield return () => h.CompleteAsync(sampleId, SampleSteps.Context, ContextText, ContextLogprobs);
        yield return () => h.CompleteAsync(sampleId, SampleSteps.Review, ReviewText);
        yield return () => h.DeliverAsync(new SelectionDecided(id, 0, true, 1.0));
    }
}
