using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Units;

/// <summary>HOCON durations: <c>10s</c>, <c>500 ms</c>, <c>2 minutes</c>, <c>1h</c>; a bare number is milliseconds.</summary>
public static class HoconDuration
{
    private static readonly Dictionary<string, decimal> NanosPerUnit = Build(
        (1m, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (1_000m, ["us", "micro", "micros", "microsecond", "microseconds"]),
        (1_000_000m, [string.Empty, "ms", "milli", "millis", "millisecond", "milliseconds"]),
        (1_000_000_000m, ["s", "second", "seconds"]),
        (60_000_000_000m, ["m", "minute", "minutes"]),
        (3_600_000_000_000m, ["h", "hour", "hours"]),
        (86_400_000_000_000m, ["d", "day", "days"]));

    /// <exception cref="FormatException">not a number with a known (lowercase) duration unit.</exception>
    public static TimeSpan Parse(string text)
    {
        var (number, unit) = HoconUnitText.Split(text, "duration");
        if (!NanosPerUnit.TryGetValue(unit, out var nanos))
        {
            throw new FormatException(
                $"'{text}' is not a duration: unknown unit '{unit}' (use ns, us, ms, s, m, h or d, or their long names)");
        }

        var ticks = decimal.Round(number * nanos / 100m, MidpointRounding.AwayFromZero);
        return ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks
            ? throw new FormatException($"'{text}' is too long a duration")
            : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>A number value is milliseconds; a string value uses <see cref="Parse(string)"/>.</summary>
    public static TimeSpan Parse(HoconValue value) =>
        Parse(value.GetString() ?? throw new FormatException($"{value.Origin}: null is not a duration"));

    public static bool TryParse(string text, out TimeSpan duration)
    {
        try
        {
            duration = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            duration = default;
            return false;
        }
    }

    private static Dictionary<string, decimal> Build(params (decimal Factor, string[] Names)[] units) =>
        units.SelectMany(u => u.Names.Select(n => (n, u.Factor))).ToDictionary(p => p.n, p => p.Factor, StringComparer.Ordinal);
}
