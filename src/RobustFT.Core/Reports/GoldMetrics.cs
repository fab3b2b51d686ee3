namespace RobustFT.Core.Reports;

/// <summary>A run measured against gold labels. <see cref="Matched"/> counts the samples that had a gold label; the
/// others are left out of every figure.</summary>
public sealed record GoldMetrics(DetectionMetrics Detection, LabelAccuracy LabelAccuracy, int Matched);
