using System.Text;
using RobustFT.Core.Samples;
using RobustFT.Core.Tasks;

namespace RobustFT.Core.Prompts;

/// <summary>Builds the chat prompts of every step of the method from a sample, its task profile and the templates.</summary>
public sealed class PromptBuilder(TaskProfile profile, PromptTemplates templates)
{
    public TaskProfile Profile { get; } = profile;

    /// <summary>Options as the reference formats them: "Options:\nA. …\nB. …\n", or empty for open questions.</summary>
    public static string FormatOptions(IReadOnlyList<string> options)
    {
        if (options.Count == 0) return "";
        var sb = new StringBuilder("Options:\n");
        for (var i = 0; i < options.Count; i++) sb.Append(OptionLetter(i)).Append(". ").Append(options[i]).Append('\n');
        return sb.ToString();
    }

    public static string OptionLetter(int index) => ((char)('A' + index)).ToString();

    public IReadOnlyList<ChatMessage> Vanilla(Sample s) => [ChatMessage.User(Fill(templates.Vanilla, s))];

    /// <summary>The reasoning expert's conversation for round <paramref name="previousResponses"/>.Count + 1: the first
    /// prompt, then for each earlier round its response and a reflection turn.</summary>
    public IReadOnlyList<ChatMessage> Reasoning(Sample s, IReadOnlyList<string> previousResponses)
    {
        var messages = new List<ChatMessage> { ChatMessage.User(Fill(templates.Reasoning, s)) };
        foreach (var previous in previousResponses)
        {
            messages.Add(ChatMessage.Assistant(previous));
            messages.Add(ChatMessage.User(Fill(templates.Reflection, s, ("previous", previous))));
        }
        return messages;
    }

    /// <summary>Few-shot prompt with the retrieved clean neighbours as solved examples; with none (the <c>no-context</c>
    /// ablation, or a run without clean samples) the vanilla prompt, so the model is never told of examples it is not
    /// shown.</summary>
    public IReadOnlyList<ChatMessage> Context(Sample s, IReadOnlyList<Sample> neighbours)
    {
        if (neighbours.Count == 0) return Vanilla(s);
        var examples = new StringBuilder();
        foreach (var n in neighbours)
            examples.Append("Question: ").Append(n.Question).Append('\n').Append(FormatOptions(n.Options))
                    .Append("Answer: ").Append(n.Label).Append("\n\n");
        return [ChatMessage.User(Fill(templates.Context, s, ("examples", examples.ToString().TrimEnd())))];
    }

    /// <summary>The review prompt, given the reasoning and context experts' whole responses or their extracted answers
    /// (<see cref="PromptTemplates.ReviewInput"/>).</summary>
    public IReadOnlyList<ChatMessage> Review(Sample s, ExpertAnswer reasoning, ExpertAnswer context)
    {
        var byResponses = templates.ReviewInput == ReviewInput.Responses;
        return [ChatMessage.User(Fill(templates.Review, s,
            ("reasoning_prediction", byResponses ? reasoning.Response : reasoning.Answer),
            ("context_prediction", byResponses ? context.Response : context.Answer)))];
    }

    public IReadOnlyList<ChatMessage> Checker(Sample s, string baseResponse, string reasoningResponse) =>
        [ChatMessage.User(Fill(templates.Checker, s, ("label", s.Label), ("base_prediction", baseResponse), ("reasoning_prediction", reasoningResponse)))];

    private string Fill(string template, Sample s, params (string Key, string Value)[] extra)
    {
        var sb = new StringBuilder(template)
            .Replace("{question_type}", Profile.QuestionType)
            .Replace("{instruction}", Profile.ExtraInstruction)
            .Replace("{options}", FormatOptions(s.Options));
        foreach (var (key, value) in extra) sb.Replace("{" + key + "}", value);
        // The question goes in last so that braces inside user text are never taken for placeholders.
        return sb.Replace("{question}", s.Question).ToString().Trim();
    }
}
