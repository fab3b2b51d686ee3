namespace RobustFT.Core.Demo;

/// <summary>A generated question with its exact answer, before options are laid out.</summary>
public sealed record DemoQuestion(string Text, decimal Answer);
