using System.Text.Json;
using RobustFT.Dashboard.Api;
using RobustFT.Dashboard.Live;

namespace RobustFT.Dashboard.Tests.Support;

/// <summary>A minimal text/event-stream reader over a real HTTP connection.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseClient> OpenAsync(HttpClient http, string path, CancellationToken ct)
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseClient(response, new StreamReader(await response.Content.ReadAsStreamAsync(ct)));
    }

    /// <summary>Reads up to the next complete event and returns its data parsed.</summary>
    public async Task<DashboardSnapshot> NextAsync(CancellationToken ct)
    {
        string? name = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(ct) ?? throw new EndOfStreamException("the server closed the event stream");
            if (line.Length == 0)
            {
                if (name == EventStream.EventName && data is not null)
                    return JsonSerializer.Deserialize<DashboardSnapshot>(data, DashboardJson.Options)!;
                name = data = null;
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line["data: ".Length..];
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
