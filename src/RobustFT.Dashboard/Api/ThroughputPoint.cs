namespace RobustFT.Dashboard.Api;

/// <summary>Throughput over the interval ending at <see cref="At"/>: samples reaching a terminal state and tokens
/// generated, per second.</summary>
public sealed record ThroughputPoint(DateTimeOffset At, double SamplesPerSecond, double TokensPerSecond);
