namespace RobustFT.Core.Tasks;

/// <summary>A task's prompt wording and answer semantics, as in the reference implementation.</summary>
/// <param name="Name">Key used on the command line (<c>--task</c>).</param>
/// <param name="Kind">Extraction and comparison semantics.</param>
/// <param name="QuestionType">Short description used in prompts (for example "multiple-choice science question").</param>
/// <param name="ExtraInstruction">Appended to every prompt (for example the answer format).</param>
/// <param name="RelativeTolerance">For <see cref="TaskKind.Numeric"/>: relative tolerance of a match.</param>
public sealed record TaskProfile(
    string Name,
    TaskKind Kind,
    string QuestionType,
    string ExtraInstruction,
    double RelativeTolerance = 1e-2);
