namespace RobustFT.Core.Prompts;

/// <summary>An expert's whole response and the answer extracted from it.</summary>
public sealed record ExpertAnswer(string Response, string Answer);
