namespace RobustFT.Core.Reports;

/// <summary>How long a run took: <see cref="RunningSeconds"/> counts only the time some coordinator was driving it (a
/// run killed and resumed later does not count the time it lay dead); <see cref="ElapsedSeconds"/> is the time since
/// the run was created.</summary>
public sealed record RunTime(double RunningSeconds, double ElapsedSeconds);
