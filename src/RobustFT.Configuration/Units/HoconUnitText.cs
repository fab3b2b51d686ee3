using System.Globalization;
using System.Text.RegularExpressions;

namespace RobustFT.Configuration.Units;

/// <summary>The HOCON "units format": optional whitespace, a number, optional whitespace, optional letters.</summary>
internal static partial class HoconUnitText
{
    public static (decimal Number, string Unit) Split(string text, string what)
    {
        var match = UnitFormat().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not a {what}: expected a number followed by an optional unit");
        }

        var number = decimal.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return (number, match.Groups[2].Value);
    }

    [GeneratedRegex(@"^\s*(-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*(\p{L}*)\s*$")]
    private static partial Regex UnitFormat();
}
