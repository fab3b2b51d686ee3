using System.Globalization;

namespace RobustFT.Core.Datasets;

/// <summary>Writing side of CSV: RFC 4180 quoting and invariant formatting of cell values.</summary>
public static class CsvFormat
{
    /// <summary>Quotes a field when it holds a comma, a quote or a line break; quotes inside are doubled.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>One record: escaped fields joined by commas, terminated by "\n".</summary>
    public static string Row(IEnumerable<string?> fields) => string.Join(',', fields.Select(Escape)) + "\n";

    /// <summary>Round-trip ("R") invariant text of a double, or empty for null.</summary>
    public static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    public static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Boolean(bool? value) => value is null ? "" : value.Value ? "true" : "false";
}
