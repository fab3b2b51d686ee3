namespace RobustFT.Configuration.Model;

/// <summary>Where a value was written: source name (usually a file path), 1-based line and column.</summary>
public sealed record HoconOrigin(string Source, int Line, int Column)
{
    public static HoconOrigin None { get; } = new("<none>", 0, 0);

    public override string ToString() => $"{Source}:{Line}:{Column}";
}
