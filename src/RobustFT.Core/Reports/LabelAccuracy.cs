namespace RobustFT.Core.Reports;

/// <summary>Share of input samples whose given label is right, and of exported samples whose final label is right.</summary>
public sealed record LabelAccuracy(double Input, double Exported);
