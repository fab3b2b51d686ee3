using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Units;

/// <summary>
/// HOCON sizes in bytes: <c>512K</c> and <c>10 MiB</c> are powers of two, <c>1GB</c> and <c>5 kB</c> powers of ten
/// (as the HOCON spec defines); a bare number is bytes.
/// </summary>
public static class HoconSize
{
    private static readonly Dictionary<string, decimal> BytesPerUnit = Build();

    /// <exception cref="FormatException">not a number with a known size unit, or more than <see cref="long.MaxValue"/> bytes.</exception>
    public static long Parse(string text)
    {
        var (number, unit) = HoconUnitText.Split(text, "size in bytes");
        if (!BytesPerUnit.TryGetValue(unit, out var factor))
        {
            throw new FormatException(
                $"'{text}' is not a size: unknown unit '{unit}' (use B, K/KiB, M/MiB, G/GiB, T/TiB for powers of two or kB, MB, GB, TB for powers of ten)");
        }

        decimal bytes;
        try
        {
            bytes = decimal.Round(number * factor, MidpointRounding.AwayFromZero);
        }
        catch (OverflowException)
        {
            throw new FormatException($"'{text}' is too large a size");
        }

        return bytes > long.MaxValue || bytes < long.MinValue
            ? throw new FormatException($"'{text}' is too large a size")
            : (long)bytes;
    }

    public static long Parse(HoconValue value) =>
        Parse(value.GetString() ?? throw new FormatException($"{value.Origin}: null is not a size"));

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var name in new[] { string.Empty, "B", "b", "byte", "bytes" })
        {
            units[name] = 1m;
        }

        string[] letters = ["K", "M", "G", "T", "P", "E", "Z", "Y"];
        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        decimal ten = 1m;
        decimal two = 1m;
        for (var i = 0; i < letters.Length; i++)
        {
            ten *= 1000m;
            two *= 1024m;
            var letter = letters[i];
            var tenName = i == 0 ? "kB" : letter + "B";
            foreach (var name in new[] { tenName, decimalNames[i] + "byte", decimalNames[i] + "bytes" })
            {
                units[name] = ten;
            }

            foreach (var name in new[] { letter, letter.ToLowerInvariant(), letter + "i", letter + "iB", binaryNames[i] + "byte", binaryNames[i] + "bytes" })
            {
                units[name] = two;
            }
        }

        return units;
    }
}
