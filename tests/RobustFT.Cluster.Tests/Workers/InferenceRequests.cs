using RobustFT.Cluster.Contracts;
using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>Requests as sample entities send them: id "run/sample/step", a prompt per sample and step.</summary>
public static class InferenceRequests
{
    public static GenerateRequest Generate(string runId, string sampleId, string step = "base") => new(
        $"{runId}/{sampleId}/{step}", runId, sampleId, step,
        [new ChatMessage("user", $"Question of {sampleId} for {step}?")], new GenerationOptions(MaxNewTokens: 16));

    public static EmbedRequest Embed(string runId, string sampleId) => new($"{runId}/{sampleId}/embed", runId, sampleId, $"Question of {sampleId}?");

    /// <summary>The embedding request of <paramref name="sampleId"/> whose question is <paramref name="sameAs"/>'s (a
    /// dataset's duplicate question).</summary>
    public static EmbedRequest EmbedDuplicate(string runId, string sampleId, string sameAs) =>
        Embed(runId, sampleId) with { Text = Embed(runId, sameAs).Text };
}
