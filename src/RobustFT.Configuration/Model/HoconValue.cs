using System.Globalization;

namespace RobustFT.Configuration.Model;

/// <summary>
/// A node of a HOCON tree. After resolution only <see cref="HoconObject"/>, <see cref="HoconArray"/>,
/// <see cref="HoconString"/>, <see cref="HoconNumber"/>, <see cref="HoconBoolean"/> and <see cref="HoconNull"/> remain;
/// before it, <see cref="HoconSubstitution"/>, <see cref="HoconConcatenation"/> and <see cref="HoconDelayedMerge"/> may appear.
/// </summary>
public abstract class HoconValue
{
    protected HoconValue(HoconOrigin origin) => Origin = origin;

    public HoconOrigin Origin { get; }

    /// <summary>True when this value and everything below it contains no substitution or pending concatenation/merge.</summary>
    public abstract bool IsResolved { get; }

    /// <summary>The text of a scalar (string, number, boolean) or null for <see cref="HoconNull"/>; objects and arrays throw.</summary>
    public virtual string? GetString() =>
        throw new InvalidOperationException($"{Origin}: a {KindName} has no string value");

    /// <summary>A scalar's value as a number (strings are parsed with JSON number rules).</summary>
    public double GetDouble()
    {
        var text = GetString() ?? throw new InvalidOperationException($"{Origin}: null is not a number");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new FormatException($"{Origin}: '{text}' is not a number");
    }

    /// <summary>A scalar's value as a boolean; accepts true/yes/on and false/no/off as the HOCON spec recommends.</summary>
    public bool GetBoolean() => (GetString() ?? string.Empty) switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw new FormatException($"{Origin}: '{other}' is not a boolean"),
    };

    internal abstract string KindName { get; }
}
