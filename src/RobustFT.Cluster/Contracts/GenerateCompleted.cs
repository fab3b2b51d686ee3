namespace RobustFT.Cluster.Contracts;

/// <summary>The answer to a <see cref="GenerateRequest"/>. <see cref="Error"/> is set when that one request could not
/// run; the sample then faults with that reason.</summary>
public sealed record GenerateCompleted(
    string RequestId,
    string RunId,
    string SampleId,
    string Step,
    string Text,
    float[] Logprobs,
    bool FromCache,
    string? Error) : ISampleCommand, IInferenceResult;
