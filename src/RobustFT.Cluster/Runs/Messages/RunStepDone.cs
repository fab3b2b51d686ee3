namespace RobustFT.Cluster.Runs.Messages;

/// <summary>The run actor's asynchronous part of a step finished; <paramref name="LookAgain"/>: observe at once.</summary>
internal sealed record RunStepDone(bool LookAgain);
