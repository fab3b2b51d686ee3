using RobustFT.Core.Prompts;
using RobustFT.Core.Samples;

namespace RobustFT.Cluster.Samples;

/// <summary>Which of a record's recorded answers feed each step's prompt: one place for the dispatcher (the prompt it
/// sends) and the dashboard's lineage (the prompt that was sent).</summary>
public static class StepPrompts
{
    /// <summary>Reasoning round <paramref name="round"/> (1-based) sees the responses of the rounds before it.</summary>
    public static IReadOnlyList<ChatMessage> Reasoning(PromptBuilder prompts, Sample sample, SampleRecord record, int round) =>
        prompts.Reasoning(sample, record.ReasoningResponses.Take(round - 1).ToList());

    public static IReadOnlyList<ChatMessage> Checker(PromptBuilder prompts, Sample sample, SampleRecord record) =>
        prompts.Checker(sample, record.BaseResponse ?? "", LastReasoning(record));

    /// <summary>The review sees the last reasoning round and the context prediction: whole responses or extracted
    /// answers, as <see cref="PromptTemplates.ReviewInput"/> says.</summary>
    public static IReadOnlyList<ChatMessage> Review(PromptBuilder prompts, Sample sample, SampleRecord record) =>
        prompts.Review(sample,
            new ExpertAnswer(LastReasoning(record), record.ReasoningAnswer ?? ""),
            new ExpertAnswer(record.ContextResponse ?? "", record.ContextAnswer ?? ""));

    private static string LastReasoning(SampleRecord record) => record.ReasoningResponses.LastOrDefault() ?? "";
}
