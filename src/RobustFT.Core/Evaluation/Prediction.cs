namespace RobustFT.Core.Evaluation;

/// <summary>A model's response to one gold question, from line <paramref name="Line"/> of the predictions file.</summary>
public sealed record Prediction(string Id, string Response, int Line);
