using MassTransit;
using RobustFT.Cluster.Contracts;
using RobustFT.Core.Method;

namespace RobustFT.Cluster.Workers;

/// <summary>The retriever: k most similar clean samples of a noisy sample, by cosine similarity.</summary>
public sealed class RetrieveConsumer(CleanIndex index) : IConsumer<RetrieveRequest>
{
    public async Task Consume(ConsumeContext<RetrieveRequest> context)
    {
        var m = context.Message;
        var clean = await index.GetAsync(m.RunId, context.CancellationToken);
        RetrieveCompleted result;
        if (clean.Count == 0)
            result = new RetrieveCompleted(m.CorrelationId, [], null); // no clean examples: relabel zero-shot
        else
            result = new RetrieveCompleted(m.CorrelationId, NearestNeighbours.TopK(m.SampleId, m.Vector, clean, m.K).ToArray(), null);
        await context.Publish(result, context.CancellationToken);
    }
}
