using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Tests.StateMachine;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Batching;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>
/// <see cref="GenerateBatchConsumer"/> on MassTransit's test harness (batches of up to 8 messages or 50 ms) with a
/// <see cref="RecordingLanguageModel"/>, a real <see cref="InferenceCache"/> and <see cref="RunStore"/> on a temporary
/// SQLite file holding one run. The test plays the sample sagas: it publishes requests and reads the completions.
/// </summary>
public sealed class GenerateWorkerHarness : IAsyncDisposable
{
    public const int MaxNewTokens = 16;
    private static readonly CancellationToken Now = new(canceled: true);

    private readonly ServiceProvider _provider;
    private readonly string _directory;

    private GenerateWorkerHarness(ServiceProvider provider, string directory, string runId)
    {
        _provider = provider;
        _directory = directory;
        RunId = runId;
        Bus = provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Bus { get; }
    public RecordingLanguageModel Model => _provider.GetRequiredService<RecordingLanguageModel>();
    public RunStore Store => _provider.GetRequiredService<RunStore>();
    public string RunId { get; }

    public static async Task<GenerateWorkerHarness> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "robustft-tests", "worker-" + Guid.NewGuid().ToString("N"));
        var connections = new SqliteConnectionFactory(Path.Combine(directory, "run.db"));
        var store = new RunStore(connections);
        await store.EnsureSchemaAsync();
        var settings = TestRunSettings.Create("run-" + Guid.NewGuid().ToString("N")[..8], outputDirectory: directory);
        await store.CreateOrGetAsync(settings);

        var options = ShippedDefaults.Config.Worker() with { MaxBatchSize = 8 };
        var services = new ServiceCollection();
        services.AddSingleton<IDbConnectionFactory>(connections);
        services.AddSingleton(store);
        services.AddSingleton<RecordingLanguageModel>();
        services.AddSingleton<ILanguageModel>(sp => sp.GetRequiredService<RecordingLanguageModel>());
        services.AddSingleton<InferenceCache>();
        services.AddSingleton<RunControl>();
        services.AddSingleton(options);
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<GenerationGate>();
        services.AddSingleton<ILogger<GenerateBatchConsumer>>(NullLogger<GenerateBatchConsumer>.Instance);
        services.AddMassTransitTestHarness(x =>
        {
            x.AddConsumer<GenerateBatchConsumer>(c => c.Options<BatchOptions>(o => o.SetMessageLimit(8).SetTimeLimit(TimeSpan.FromMilliseconds(50))));
        });
        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = new GenerateWorkerHarness(provider, directory, settings.RunId);
        harness.Bus.TestTimeout = TimeSpan.FromSeconds(5);
        harness.Bus.TestInactivityTimeout = TimeSpan.FromSeconds(5);
        await harness.Bus.Start();
        return harness;
    }

    /// <summary>A request with a prompt of its own (it names the sample and step) of <paramref name="promptChars"/>
    /// characters, so its estimated size is <paramref name="promptChars"/> / 4 + <see cref="MaxNewTokens"/> tokens.</summary>
    public GenerateRequest Request(string sampleId, string step = "base", int promptChars = 40, long seed = 7) => new(
        Guid.NewGuid(), RunId, sampleId, step,
        [ChatMessage.User($"{sampleId}/{step}: ".PadRight(promptChars, 'q'))],
        new GenerationOptions(MaxNewTokens, Seed: seed));

    /// <summary>The <see cref="PromptBucketer"/> bucket the consumer puts <paramref name="request"/> in.</summary>
    public static int BucketOf(GenerationRequest request) =>
        PromptBucketer.Bucket(request.Messages.Sum(m => m.Content.Length) / 4 + request.Options.MaxNewTokens);

    /// <summary>Publishes the requests together and waits until the worker has answered all of them and finished the
    /// batches that held them.</summary>
    public async Task<IReadOnlyList<GenerateCompleted>> SendAsync(params GenerateRequest[] requests)
    {
        var ids = requests.Select(r => r.CorrelationId).ToHashSet();
        await Bus.Bus.PublishBatch(requests);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var answers = Completions().Where(c => ids.Contains(c.CorrelationId)).ToList();
            var consumed = ConsumedBatches().SelectMany(b => b).Count(r => ids.Contains(r.CorrelationId));
            if ((answers.Count >= requests.Length && consumed >= requests.Length) || DateTime.UtcNow > deadline)
            {
                Assert.Equal(requests.Length, answers.Count);
                return requests.Select(r => answers.Single(a => a.CorrelationId == r.CorrelationId)).ToList();
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Every completion published so far; never waits.</summary>
    public IReadOnlyList<GenerateCompleted> Completions() =>
        Bus.Published.Select<GenerateCompleted>(Now).Select(m => m.Context.Message).ToList();

    /// <summary>The message batches the consumer received so far; never waits.</summary>
    public IReadOnlyList<IReadOnlyList<GenerateRequest>> ConsumedBatches() =>
        Bus.GetConsumerHarness<GenerateBatchConsumer>().Consumed.Select<Batch<GenerateRequest>>(Now)
            .Select(b => (IReadOnlyList<GenerateRequest>)b.Context.Message.Select(m => m.Message).ToList()).ToList();

    public async ValueTask DisposeAsync()
    {
        await Bus.Stop();
        await _provider.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
