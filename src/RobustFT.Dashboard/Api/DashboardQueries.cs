using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Core.Prompts;
using RobustFT.Core.Samples;

namespace RobustFT.Dashboard.Api;

/// <summary>
/// The dashboard's read model: builds the API's DTOs from the store. Needs no web server, so <c>robustft status --json</c>
/// prints exactly what <c>GET /api/runs</c> and <c>GET /api/nodes</c> answer (serialize with <see cref="DashboardJson"/>).
/// </summary>
/// <param name="throughput">Throughput histories kept by a serving process; without it the series is empty and the ETA
/// uses the average rate since the run started.</param>
/// <param name="staleAfter">A GPU worker whose last status is older is marked stale (config <c>robustft.node.stale-after</c>).</param>
public sealed class DashboardQueries(
    RunStore store,
    SampleReadModel sagas,
    IClusterView? cluster,
    TimeSpan staleAfter,
    ThroughputRecorder? throughput = null)
{
    public const int MaxFaulted = 50;
    public const int DefaultSampleLimit = 50;
    public const int MaxSampleLimit = 500;

    public TimeSpan StaleAfter { get; } = staleAfter;

    /// <summary>The queries over a node's services (<c>RobustFtNode.Services</c>).</summary>
    public static DashboardQueries FromServices(IServiceProvider node, TimeSpan staleAfter, ThroughputRecorder? throughput = null) =>
        new(node.GetRequiredService<RunStore>(), node.GetRequiredService<SampleReadModel>(), node.GetService<IClusterView>(),
            staleAfter, throughput);

    public async Task<RunsResponse> ListRunsAsync(CancellationToken ct = default)
    {
        var runs = await store.ListAsync(ct);
        var summaries = new List<RunSummary>(runs.Count);
        foreach (var run in runs) summaries.Add(Summarize(run, await sagas.CountByStateAsync(run.RunId, ct)));
        return new RunsResponse(summaries);
    }

    public async Task<RunSummary?> GetSummaryAsync(string runId, CancellationToken ct = default) =>
        await store.GetAsync(runId, ct) is { } run ? Summarize(run, await sagas.CountByStateAsync(runId, ct)) : null;

    public async Task<RunDetail?> GetRunAsync(string runId, CancellationToken ct = default) =>
        await store.GetAsync(runId, ct) is { } run ? await DetailAsync(run, ct) : null;

    /// <summary>The stored runs, oldest first, for a caller that builds details itself (<see cref="DetailAsync"/>).</summary>
    public Task<IReadOnlyList<RunRecord>> ListRunRecordsAsync(CancellationToken ct = default) => store.ListAsync(ct);

    /// <summary><c>GET /api/runs/{id}</c> of a run already read from the store.</summary>
    public async Task<RunDetail> DetailAsync(RunRecord run, CancellationToken ct = default)
    {
        var runId = run.RunId;
        var counts = await sagas.CountByStateAsync(runId, ct);
        var summary = Summarize(run, counts);
        var totals = await store.GetInferenceTotalsAsync(runId, ct);
        var faultedCount = counts.GetValueOrDefault(SampleStates.Faulted);
        var faulted = faultedCount == 0
            ? []
            : (await sagas.ListAsync(runId, SampleStates.Faulted, ct)).Take(MaxFaulted).Select(s => new FaultedSample(s.SampleId, s.FaultReason)).ToList();
        var points = throughput?.Points(runId, 300) ?? [];
        var eta = run.Ended ? null : EtaEstimator.Estimate(summary.Finished, run.Samples, points.TakeLast(10).ToList(), DateTimeOffset.UtcNow - run.CreatedAt);
        return new RunDetail(summary, StateMachineDiagram.Counts(counts), StateMachineDiagram.Edges,
            BarriersOf(run),
            run.Threshold, summary.Progress, eta, points, faultedCount, faulted, new InferenceSummary(totals.Calls, totals.CacheHits, totals.Tokens));
    }

    /// <summary>Samples of the run, optionally only those in <paramref name="state"/> and whose id or question contains
    /// <paramref name="query"/> (case-insensitive); samples not started yet have state NotStarted.</summary>
    public async Task<SamplesResponse?> ListSamplesAsync(string runId, string? state, string? query, int limit = DefaultSampleLimit, CancellationToken ct = default)
    {
        var run = await store.GetAsync(runId, ct);
        if (run is null) return null;
        limit = Math.Clamp(limit, 1, MaxSampleLimit);
        var samples = await store.LoadSamplesAsync(runId, ct);
        var byId = (await sagas.ListAsync(runId, string.IsNullOrEmpty(state) ? null : state, ct)).ToDictionary(s => s.SampleId, StringComparer.Ordinal);
        var matches = samples
            .Select(s => (Sample: s, Record: byId.GetValueOrDefault(s.Id)))
            .Where(x => string.IsNullOrEmpty(state) || x.Record is not null)
            .Where(x => string.IsNullOrEmpty(query)
                        || x.Sample.Id.Contains(query, StringComparison.OrdinalIgnoreCase)
                        || x.Sample.Question.Contains(query, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var items = matches.Take(limit)
            .Select(x => new SampleListItem(x.Sample.Id, x.Record?.CurrentState ?? NotStarted, x.Sample.Question, x.Sample.Label, x.Record?.FinalLabel, SampleUrl(runId, x.Sample.Id)))
            .ToList();
        return new SamplesResponse(runId, matches.Count, items);
    }

    /// <summary>One sample's lineage, or null when the run or the sample is unknown.</summary>
    public async Task<SampleLineage?> GetSampleAsync(string runId, string sampleId, CancellationToken ct = default)
    {
        var run = await store.GetAsync(runId, ct);
        if (run is null) return null;
        var samples = (await store.LoadSamplesAsync(runId, ct)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        if (!samples.TryGetValue(sampleId, out var sample)) return null;
        var record = await sagas.GetAsync(runId, sampleId, ct);
        var neighbours = (record?.Neighbours ?? []).Select(id => samples.GetValueOrDefault(id)).OfType<Sample>().ToList();
        var prompts = record is null ? [] : Prompts(new PromptBuilder(run.Settings.Task, run.Settings.Prompts), sample, record, neighbours);
        return new SampleLineage(runId, sampleId, record?.CurrentState ?? NotStarted, sample.Question, sample.Options, sample.Label, prompts,
            record?.BaseResponse, record?.BaseAnswer, record?.ReasoningResponses ?? [], record?.ReasoningAnswer, record?.Consistency, record?.Clean,
            record?.CheckerResponse, neighbours.Select(n => new NeighbourLink(n.Id, n.Question, n.Label, SampleUrl(runId, n.Id))).ToList(),
            record?.ContextResponse, record?.ContextAnswer, record?.ReviewResponse, record?.ReviewLabel, record?.Entropy, record?.Rank, record?.Selected,
            run.Threshold, record?.FinalLabel, record?.FaultReason, record?.UnlabeledReason, SampleSteps.Skipped(run.Settings.Method.Ablations));
    }

    /// <summary><c>GET /api/nodes</c>: the cluster's members (address, roles, status, reachability, which one holds the
    /// coordinator) and each GPU worker's last published figures; a worker silent for longer than the stale-after is stale.</summary>
    public async Task<NodesResponse> ListNodesAsync(CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow;
        var snapshot = cluster is null ? ClusterSnapshot.Empty : await cluster.GetAsync(ct);
        var nodes = snapshot.Members
            .Select(m => new NodeSummary(m.Address, m.Roles, m.Status, m.Reachable, m.Coordinator, snapshot.Workers.Count(w => w.Address == m.Address)))
            .ToList();
        var workers = snapshot.Workers
            .OrderBy(w => w.Address, StringComparer.Ordinal).ThenBy(w => w.Device, StringComparer.Ordinal)
            .Select(w =>
            {
                var age = Math.Max(0, (now - w.At).TotalSeconds);
                return new WorkerSummary(w.Address, w.Device, w.ExecutionProvider, w.ModelId, w.Capacity, w.QueueDepth, w.BatchFill, w.TokensPerSecond,
                    w.Tokens, w.Requests, w.At, age, age > StaleAfter.TotalSeconds);
            })
            .ToList();
        return new NodesResponse(nodes, workers, StaleAfter.TotalSeconds);
    }

    public const string NotStarted = "NotStarted";

    public static string SampleUrl(string runId, string sampleId) =>
        $"/api/runs/{Uri.EscapeDataString(runId)}/samples/{Uri.EscapeDataString(sampleId)}";

    public static RunSummary Summarize(RunRecord run, IReadOnlyDictionary<string, int> counts)
    {
        var finished = SampleStates.Terminal.Sum(s => counts.GetValueOrDefault(s));
        var progress = run.Samples == 0 ? (run.Ended ? 1 : 0) : Math.Min(1, (double)finished / run.Samples);
        // Whitelist: task name and model ids only; never paths, prompts or anything a future setting could hold.
        return new RunSummary(run.RunId, run.Settings.Task.Name, run.Settings.ModelId, run.Settings.EmbedderId, run.Phase.ToString(),
            run.Samples, run.Rejected, finished, progress, run.Paused, run.Ended, run.Ended && run.Phase == RunPhase.Cancelled,
            run.Threshold, run.Message, run.CreatedAt, run.UpdatedAt, run.EndedAt);
    }

    /// <summary>Which barriers the run passed, from its phase (the phase only moves forward). A failed or cancelled run
    /// keeps no record of its phase before; a stored threshold still shows that selection happened.</summary>
    public static Barriers BarriersOf(RunRecord run)
    {
        var normal = run.Phase is >= RunPhase.Detecting and <= RunPhase.Completed;
        return new Barriers(
            normal && run.Phase >= RunPhase.Retrieving || run.Threshold is not null,
            normal && run.Phase >= RunPhase.Selecting || run.Threshold is not null);
    }

    /// <summary>The prompts of the steps the sample has reached, rebuilt exactly as the dispatcher builds them.</summary>
    private static IReadOnlyList<PromptView> Prompts(PromptBuilder builder, Sample sample, SampleRecord record, IReadOnlyList<Sample> neighbours)
    {
        var prompts = new List<PromptView> { new(SampleSteps.Base, builder.Vanilla(sample)) };
        if (record.CurrentState == SampleStates.Detecting) return prompts;
        var rounds = record.ReasoningResponses.Count + (record.CurrentState == SampleStates.Reasoning ? 1 : 0);
        for (var round = 1; round <= rounds; round++)
            prompts.Add(new PromptView(SampleSteps.ReasoningRound(round), StepPrompts.Reasoning(builder, sample, record, round)));
        if (record.CheckerResponse is not null || record.CurrentState == SampleStates.Checking)
            prompts.Add(new PromptView(SampleSteps.Checker, StepPrompts.Checker(builder, sample, record)));
        // Without retrieval (ablation no-context) the context prompt has no examples and no Retrieving state precedes it.
        if (record.Neighbours is not null || record.ContextResponse is not null || record.CurrentState == SampleStates.Relabeling)
            prompts.Add(new PromptView(SampleSteps.Context, builder.Context(sample, neighbours)));
        if (record.ReviewResponse is not null || record.CurrentState == SampleStates.Reviewing)
            prompts.Add(new PromptView(SampleSteps.Review, StepPrompts.Review(builder, sample, record)));
        return prompts;
    }
}
