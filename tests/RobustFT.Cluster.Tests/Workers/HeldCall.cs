namespace RobustFT.Cluster.Tests.Workers;

/// <summary>One model call made to <see cref="HeldModelCalls"/>, waiting for the test to answer or fail it.</summary>
public sealed class HeldCall(IReadOnlyList<string> requests, CancellationToken token)
{
    public IReadOnlyList<string> Requests { get; } = requests;

    /// <summary>The token the gate gave the model.</summary>
    public CancellationToken Token { get; } = token;

    internal TaskCompletionSource<IReadOnlyList<string>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Answer() => Result.SetResult(Requests.Select(HeldModelCalls.AnswerFor).ToList());

    public void Fail(Exception error) => Result.SetException(error);
}
