namespace RobustFT.Core.Tasks;

/// <summary>The reference implementation's task profiles, plus any defined by the user in configuration.</summary>
public static class TaskProfiles
{
    private const string LetterInstruction = "The answer must be uppercase letter.";

    public static IReadOnlyList<TaskProfile> BuiltIn { get; } =
    [
        new("mmlu", TaskKind.MultipleChoice, "multi-choice", LetterInstruction),
        new("arc", TaskKind.MultipleChoice, "multi-choice", LetterInstruction),
        new("pubmedqa", TaskKind.MultipleChoice, "multi-choice", LetterInstruction),
        new("fpb", TaskKind.MultipleChoice, "multi-choice", LetterInstruction),
        new("convfinqa", TaskKind.Numeric, "math and value extraction", "The answer should be in digits."),
        new("drop", TaskKind.Fuzzy, "reading comprehension", "The answer should be a single word or in digits."),
    ];

    /// <summary>Finds a profile by name (case-insensitive); user profiles shadow built-in ones.</summary>
    /// <exception cref="KeyNotFoundException">No profile has that name; the message lists the known ones.</exception>
    public static TaskProfile Resolve(string name, IEnumerable<TaskProfile>? userDefined = null)
    {
        var all = (userDefined ?? []).Concat(BuiltIn).ToList();
        return all.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException(
                $"unknown task '{name}'; known tasks: {string.Join(", ", all.Select(p => p.Name).Distinct())}");
    }
}
