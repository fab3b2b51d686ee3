using System.Text;
using Microsoft.AspNetCore.Http;

namespace RobustFT.Dashboard.Live;

/// <summary>One server-sent-event client: writes the latest snapshot, then each new one, until the client goes away.
/// Every client has its own loop; a client that disconnects (or fails) ends only its own request.</summary>
public static class EventStream
{
    public const string EventName = "snapshot";

    public static async Task ServeAsync(HttpContext context, SnapshotBroadcaster snapshots, string? runId)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        response.Headers.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var retry = (int)Math.Max(1000, snapshots.Interval.TotalMilliseconds);
        try
        {
            await response.WriteAsync($"retry: {retry}\n\n", ct);
            await response.Body.FlushAsync(ct);
            long last = 0;
            while (!ct.IsCancellationRequested)
            {
                var (sequence, json) = await snapshots.NextAsync(last, runId, ct);
                last = sequence;
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Format(sequence, json)), ct);
                await response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
        catch (IOException)
        {
            // The connection broke mid-write.
        }
    }

    /// <summary>One event in the text/event-stream format (the JSON has no raw newlines).</summary>
    public static string Format(long sequence, string json) => $"id: {sequence}\nevent: {EventName}\ndata: {json}\n\n";
}
