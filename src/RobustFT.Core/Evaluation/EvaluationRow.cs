namespace RobustFT.Core.Evaluation;

public sealed record EvaluationRow(string Id, bool Correct);
