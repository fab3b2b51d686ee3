using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Datasets;
using RobustFT.Core.Method;
using RobustFT.Core.Prompts;
using RobustFT.Core.Tasks;
using RobustFT.Dashboard.Api;
using RobustFT.Inference.Abstractions;
using RobustFT.Testing.Data;
using RobustFT.Testing.Scripted;

namespace RobustFT.Dashboard.Tests.Support;

/// <summary>A real embedded run (a one-node cluster, SQLite in a temp directory, scripted experts over the first
/// <c>rows</c> samples of the shared arc noisy30 split) with a real dashboard server on a free loopback port.</summary>
public sealed class EmbeddedRun : IAsyncDisposable
{
    public const string Token = "test-dashboard-token";

    private readonly CancellationTokenSource _stop = new();

    private EmbeddedRun(string directory, RobustFtNode node, ScriptedExpertModel model, RunSettings settings, DashboardServer server)
    {
        Directory = directory;
        Node = node;
        Model = model;
        Settings = settings;
        Server = server;
        Http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Directory { get; }
    public RobustFtNode Node { get; }
    public ScriptedExpertModel Model { get; }
    public RunSettings Settings { get; }
    public string RunId => Settings.RunId;
    public DashboardServer Server { get; }
    public HttpClient Http { get; }
    public Task<RunRecord> Completion { get; private set; } = Task.FromResult<RunRecord>(null!);
    public RunStore Store => Node.Services.GetRequiredService<RunStore>();
    public SampleReadModel Samples => Node.Services.GetRequiredService<SampleReadModel>();

    /// <param name="delay">Sleep of the scripted model per batch: how slow the run is.</param>
    /// <param name="maxBatch">Worker batch size: smaller batches make more, shorter steps.</param>
    /// <param name="method">The method's settings (default: the full method with default knobs).</param>
    public static async Task<EmbeddedRun> StartAsync(int rows, TimeSpan delay, int maxBatch = 32, string? token = Token, MethodOptions? method = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "robustft-dashboard-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        System.IO.Directory.CreateDirectory(directory);
        var input = Path.Combine(directory, "input.csv");
        var noisy = DatasetReader.Read(SharedData.File("arc", "noisy30.csv")).Samples.Take(rows).ToList();
        var ids = noisy.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var gold = DatasetReader.Read(SharedData.File("arc", "labeled.csv")).Samples.Where(s => ids.Contains(s.Id)).ToList();
        await File.WriteAllTextAsync(input, CsvFormat.Row(["id", "question", "answer", "options"]) +
            string.Concat(noisy.Select(s => CsvFormat.Row([s.Id, s.Question, s.Label, JsonSerializer.Serialize(s.Options)]))));

        var model = new ScriptedExpertModel(gold, 0.3, delay);
        var embedder = new HashingEmbedder();
        var defaults = ShippedDefaults.Config;
        var options = defaults.Runtime(NodeRoles.All, directory) with
        {
            Worker = defaults.Worker() with { MaxBatchSize = maxBatch },
            Coordinator = defaults.Coordinator() with { PollInterval = TimeSpan.FromMilliseconds(50) },
        };
        var node = await RobustFtNode.StartAsync(options, services =>
        {
            services.AddLogging();
            services.AddSingleton(new ModelDevice("cpu", model, embedder));
        }, CancellationToken.None);
        var settings = new RunSettings("dash-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), input, Sha256(input),
            Path.Combine(directory, "out"), TaskProfiles.Resolve("arc"), method ?? defaults.Method(), defaults.Prompts(), defaults.Budgets(),
            0.0, 1.0, 0, model.ModelId, embedder.ModelId, null);
        var server = await DashboardServer.StartAsync(new DashboardOptions("http://127.0.0.1:0", true, token) { StaleAfter = defaults.StaleAfter() }, node.Services, () => node.IsReady, CancellationToken.None);
        var run = new EmbeddedRun(directory, node, model, settings, server);
        run.Completion = Task.Run(() => node.RunAsync(settings, null, run._stop.Token));
        await run.WaitForAsync(r => r is not null, TimeSpan.FromSeconds(60));
        return run;
    }

    /// <summary>Polls the store until the run satisfies <paramref name="condition"/>; fails the test on timeout or when
    /// the run's task failed.</summary>
    public async Task<RunRecord> WaitForAsync(Func<RunRecord?, bool> condition, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            if (Completion.IsFaulted) await Completion;
            var run = await Store.GetAsync(RunId);
            if (condition(run)) return run!;
            if (limit.IsCancellationRequested) throw new TimeoutException($"run {RunId} did not reach the expected state within {timeout}; last: {run}");
            await Task.Delay(100);
        }
    }

    public Task<RunRecord> WaitForEndAsync() => WaitForAsync(r => r?.Ended == true, TimeSpan.FromMinutes(3));

    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonSerializer.Deserialize<T>(await response.Content.ReadAsStringAsync(), DashboardJson.Options)!;
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await Completion; } catch (Exception) { /* cancelled or already reported by the test */ }
        Http.Dispose();
        await Server.DisposeAsync();
        await Node.DisposeAsync();
        _stop.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
