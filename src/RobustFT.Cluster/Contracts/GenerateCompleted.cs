namespace RobustFT.Cluster.Contracts;

/// <summary>The answer to a <see cref="GenerateRequest"/>. <see cref="Error"/> is set when that one request could not
/// run; the sample then faults with that reason.</summary>
public sealed record GenerateCompleted(
    Guid CorrelationId,
    string Step,
    string Text,
    float[] Logprobs,
    bool FromCache,
    string? Error);
