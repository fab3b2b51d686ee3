using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RobustFT.Cluster.Runs;
using RobustFT.Dashboard.Live;
using RobustFT.Dashboard.Security;

namespace RobustFT.Dashboard.Api;

/// <summary>The JSON API under <c>/api</c> (documented in docs/api.md): reads for everyone, control with the bearer token.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app, DashboardQueries queries, RunStore store,
        SnapshotBroadcaster snapshots, string? token)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/runs", async (CancellationToken ct) => Json(await queries.ListRunsAsync(ct)));
        api.MapGet("/runs/{runId}", async (string runId, CancellationToken ct) =>
            await queries.GetRunAsync(runId, ct) is { } run ? Json(run) : NotFound($"unknown run '{runId}'"));
        api.MapGet("/runs/{runId}/samples", async (string runId, string? state, string? q, int? limit, CancellationToken ct) =>
            await queries.ListSamplesAsync(runId, state, q, limit ?? DashboardQueries.DefaultSampleLimit, ct) is { } samples
                ? Json(samples) : NotFound($"unknown run '{runId}'"));
        api.MapGet("/runs/{runId}/samples/{sampleId}", async (string runId, string sampleId, CancellationToken ct) =>
            await queries.GetSampleAsync(runId, sampleId, ct) is { } lineage ? Json(lineage) : NotFound($"unknown run '{runId}' or sample '{sampleId}'"));
        api.MapGet("/nodes", async (CancellationToken ct) => Json(await queries.ListNodesAsync(ct)));
        api.MapGet("/events", (HttpContext context, string? run) => EventStream.ServeAsync(context, snapshots, string.IsNullOrEmpty(run) ? null : run));
        api.MapGet("/runs/{runId}/events", (HttpContext context, string runId) => EventStream.ServeAsync(context, snapshots, runId));
        api.MapGet("/control", () => Json(new { enabled = !string.IsNullOrEmpty(token) }));

        api.MapPost("/runs/{runId}/pause", (HttpContext c, string runId, CancellationToken ct) =>
            ControlAsync(c, runId, "pause", run => !run.Paused, () => store.SetPausedAsync(runId, true, ct), ct));
        api.MapPost("/runs/{runId}/resume", (HttpContext c, string runId, CancellationToken ct) =>
            ControlAsync(c, runId, "resume", run => run.Paused, () => store.SetPausedAsync(runId, false, ct), ct));
        api.MapPost("/runs/{runId}/cancel", (HttpContext c, string runId, CancellationToken ct) =>
            ControlAsync(c, runId, "cancel", _ => true, () => store.CancelAsync(runId, "cancelled from the dashboard", ct), ct));
        return app;

        async Task<IResult> ControlAsync(HttpContext context, string runId, string action, Func<RunRecord, bool> changes, Func<Task> apply, CancellationToken ct)
        {
            if (!BearerAuthorization.IsAuthorized(token, context.Request.Headers.Authorization))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Json(new ApiError(string.IsNullOrEmpty(token)
                    ? "control is disabled: no dashboard token is configured"
                    : "missing or wrong bearer token"), DashboardJson.Options, statusCode: StatusCodes.Status401Unauthorized);
            }
            var run = await store.GetAsync(runId, ct);
            if (run is null) return NotFound($"unknown run '{runId}'");
            if (run.Ended || run.Phase >= RunPhase.Completed)
                return Results.Json(new ApiError($"run '{runId}' has ended (phase {run.Phase}); it cannot {action}"), DashboardJson.Options,
                    statusCode: StatusCodes.Status409Conflict);
            var changed = changes(run);
            if (changed) await apply();
            var after = await queries.GetSummaryAsync(runId, ct) ?? throw new InvalidOperationException($"run '{runId}' vanished");
            return Json(new ControlResult(action, changed, after));
        }
    }

    private static IResult Json<T>(T value) => Results.Json(value, DashboardJson.Options);

    private static IResult NotFound(string message) => Results.Json(new ApiError(message), DashboardJson.Options, statusCode: StatusCodes.Status404NotFound);
}
