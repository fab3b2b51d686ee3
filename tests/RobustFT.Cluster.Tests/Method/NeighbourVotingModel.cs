using System.Text.RegularExpressions;
using RobustFT.Cluster.Samples;
using RobustFT.Inference.Abstractions;
using RobustFT.Testing.Scripted;

namespace RobustFT.Cluster.Tests.Method;

/// <summary>
/// A scripted expert whose context answer depends only on the solved examples in its prompt: it answers the label most
/// of the examples carry (the best-ranked first on a tie), and "A" when the prompt holds none. The base and reasoning
/// experts know the right answer, the LLM checker says "noisy", the reviewer never gives a usable label (so the
/// context answer is the new label). A run relabels right only when retrieval finds same-topic clean neighbours and the
/// context prompt shows their labels.
/// </summary>
public sealed partial class NeighbourVotingModel(IReadOnlyDictionary<string, string> gold) : ILanguageModel
{
    public const string WithoutExamples = "A";

    public string ModelId => "neighbour-voting";

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<GenerationResult>>(batch.Select(Answer).ToList());

    private GenerationResult Answer(GenerationRequest request)
    {
        var text = request.Step switch
        {
            SampleSteps.Base => $"Answer: {gold[request.SampleId]}",
            var s when SampleSteps.IsReasoning(s) => $"Thinking it through.\nAnswer: {gold[request.SampleId]}",
            SampleSteps.Checker => "Answer: Y",
            SampleSteps.Context => $"Answer: {Vote(request.Messages[^1].Content)}",
            SampleSteps.Review => "Answer: none",
            _ => throw new InvalidOperationException($"unexpected step {request.Step}"),
        };
        // Entropy differs per sample so that selection has something to rank.
        var lp = (float)(-0.1 - ScriptedExpertModel.Unit(request.SampleId, request.Step, "lp"));
        return new GenerationResult(text, [1, 2, 3], [lp, lp, lp], "eos");
    }

    /// <summary>The label most examples of the prompt carry: the "Answer: X" lines before the question to answer.</summary>
    public static string Vote(string prompt)
    {
        var end = prompt.IndexOf("\n\nAnswer this", StringComparison.Ordinal);
        var labels = ExampleAnswer().Matches(end < 0 ? "" : prompt[..end]).Select(m => m.Groups[1].Value).ToList();
        return labels.Count == 0
            ? WithoutExamples
            : labels.GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => labels.IndexOf(g.Key)).First().Key;
    }

    [GeneratedRegex("^Answer: ([A-Z])$", RegexOptions.Multiline)]
    private static partial Regex ExampleAnswer();
}
