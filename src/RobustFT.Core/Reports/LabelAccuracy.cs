namespace RobustFT.Core.Reports;

/// <summary>Share of input samples whose given label is right, and of exported samples whose final label is right;
/// <see cref="Exported"/> is null (printed "n/a") when nothing was exported, as no share of nothing exists.</summary>
public sealed record LabelAccuracy(double Input, double? Exported)
{
    /// <summary>The exported share as a percentage with one decimal, or "n/a".</summary>
    public string FormatExported() => Exported is { } e ? e.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
}
