namespace RobustFT.Core.Reports;

/// <summary>How well "not clean" found the truly noisy samples (positive = noisy). Ratios with a zero denominator are 0.</summary>
public sealed record DetectionMetrics(
    double Precision, double Recall, double F1, int TruePositives, int FalsePositives, int FalseNegatives);
