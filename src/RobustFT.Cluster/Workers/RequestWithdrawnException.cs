namespace RobustFT.Cluster.Workers;

/// <summary>The outcome of a request a <see cref="ModelGate{TRequest,TResult}"/> gave back before it ran
/// (<see cref="ModelGate{TRequest,TResult}.Withdraw"/>): it has no result here and runs elsewhere.</summary>
public sealed class RequestWithdrawnException(string owner) : Exception($"request {owner} was taken back before it ran")
{
    public string Owner { get; } = owner;
}
