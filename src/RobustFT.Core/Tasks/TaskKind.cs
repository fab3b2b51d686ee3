namespace RobustFT.Core.Tasks;

/// <summary>How answers of a task are extracted and compared.</summary>
public enum TaskKind
{
    /// <summary>Options lettered A, B, C…; answers compare by letter.</summary>
    MultipleChoice,
    /// <summary>A number; answers match within a relative tolerance.</summary>
    Numeric,
    /// <summary>Free text; answers match after normalisation, by containment either way.</summary>
    Fuzzy,
}
