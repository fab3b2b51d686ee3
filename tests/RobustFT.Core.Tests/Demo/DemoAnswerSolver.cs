using System.Globalization;
using System.Text.RegularExpressions;

namespace RobustFT.Core.Tests.Demo;

/// <summary>Recomputes the answer of a demo question from its text alone, with its own unit facts (each unit's size in
/// a base unit), not the generator's conversion table: a wrong factor in the generator makes its gold labels disagree
/// with this solver.</summary>
public static partial class DemoAnswerSolver
{
    private static readonly Dictionary<string, decimal> UnitSize = new(StringComparer.Ordinal)
    {
        ["metres"] = 1m, ["centimetres"] = 0.01m,
        ["kilograms"] = 1000m, ["grams"] = 1m,
        ["hours"] = 3600m, ["minutes"] = 60m, ["seconds"] = 1m,
        ["litres"] = 1m, ["millilitres"] = 0.001m,
    };

    /// <summary>The exact answer, or null when the text is not a demo question.</summary>
    public static decimal? Solve(string question)
    {
        if (Arithmetic().Match(question) is { Success: true } a)
        {
            var x = decimal.Parse(a.Groups[1].Value, CultureInfo.InvariantCulture);
            var y = decimal.Parse(a.Groups[3].Value, CultureInfo.InvariantCulture);
            return a.Groups[2].Value switch { "+" => x + y, "-" => x - y, _ => x * y };
        }
        if (Conversion().Match(question) is { Success: true } c
            && UnitSize.TryGetValue(c.Groups[1].Value, out var to) && UnitSize.TryGetValue(c.Groups[3].Value, out var from))
            return decimal.Parse(c.Groups[2].Value, CultureInfo.InvariantCulture) * from / to;
        return null;
    }

    [GeneratedRegex(@"^What is (\d+) ([+\-×]) (\d+)\?$")]
    private static partial Regex Arithmetic();

    [GeneratedRegex(@"^How many (\w+) are in ([\d.]+) (\w+)\?$")]
    private static partial Regex Conversion();
}
