namespace RobustFT.Testing.OpenAi;

/// <summary>A fault the test server injects into the <see cref="Times"/> first attempts at one (sample, step).</summary>
public sealed record OpenAiFault(OpenAiFaultKind Kind, int Times = int.MaxValue, int RetryAfterSeconds = 1, TimeSpan Delay = default);
