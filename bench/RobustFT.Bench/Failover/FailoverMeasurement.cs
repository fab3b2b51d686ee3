namespace RobustFT.Bench.Failover;

/// <summary>One failover: seconds from the kill -9 (or SIGTERM) of the singleton's node to each step; null where the
/// step was not seen.</summary>
/// <param name="Unreachable">A survivor logged the node UNREACHABLE (Akka's failure detector).</param>
/// <param name="Downed">A survivor logged the Split Brain Resolver's decision to down it (kill) / the status poll
/// showed it Leaving or Exiting (SIGTERM).</param>
/// <param name="Removed">A survivor's member list (polled every 200 ms) no longer had it.</param>
/// <param name="SingletonStarted">The coordinator singleton started on a survivor ("coordinator: driving run").</param>
/// <param name="ReadModelMoved">The run's per-state counts in the read model changed (the new singleton's projection; kill only).</param>
/// <param name="InFlightResumed">Every sample that was in the middle of detection at the stop had written its next event (journal).</param>
/// <param name="NodeExited">The stopped process exited (SIGTERM only).</param>
/// <param name="Completed">The run ended Completed (<c>submit</c> exited 0).</param>
/// <param name="InFlight">Samples in the middle of detection at the stop.</param>
/// <param name="InFlightAfterSingleton">Of those, how many wrote their next event only after the singleton ran again (re-driven).</param>
/// <param name="ExportsEqual">The exports are byte for byte those of an uninterrupted embedded run; null: not compared.</param>
public sealed record FailoverMeasurement(
    string Scenario,
    int Repeat,
    double? Unreachable,
    double? Downed,
    double? Removed,
    double? SingletonStarted,
    double? ReadModelMoved,
    double? InFlightResumed,
    double? NodeExited,
    double? Completed,
    int InFlight,
    int InFlightAfterSingleton,
    bool? ExportsEqual,
    string SingletonNode,
    string LoadBefore,
    string LoadAfter);
