using RobustFT.Cluster.Tests.Support;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Datasets;
using RobustFT.Core.Method;
using RobustFT.Core.Prompts;
using RobustFT.Core.Reports;
using RobustFT.Core.Samples;
using RobustFT.Core.Tasks;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Tests.Method;

/// <summary>One whole run of the method in this process (a one-node cluster, SQLite in a temporary directory) with the
/// given models: the outcome of every sample, the read model's records and the report, read after the run completed.</summary>
public sealed record InProcessRun(RunRecord Run, IReadOnlyList<SampleOutcome> Outcomes, IReadOnlyList<SampleRecord> Sagas, RunReport Report)
{
    public SampleOutcome Outcome(string sampleId) => Outcomes.Single(o => o.Sample.Id == sampleId);

    public static async Task<InProcessRun> RunAsync(IReadOnlyList<Sample> samples, MethodOptions method, ILanguageModel model, IEmbedder embedder)
    {
        var directory = Path.Combine(Path.GetTempPath(), "robustft-tests", "method-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(directory);
        try
        {
            var input = Path.Combine(directory, "input.csv");
            await File.WriteAllTextAsync(input, CsvFormat.Row(["id", "question", "answer", "options"]) +
                string.Concat(samples.Select(s => CsvFormat.Row([s.Id, s.Question, s.Label, JsonSerializer.Serialize(s.Options)]))));
            var defaults = ShippedDefaults.Config;
            var options = new RuntimeOptions(NodeRoles.All, defaults.Cluster(), new SqliteConnectionFactory(Path.Combine(directory, "robustft.db")),
                defaults.Worker() with { MaxBatchSize = 8 }, defaults.Coordinator() with { PollInterval = TimeSpan.FromMilliseconds(20) },
                defaults.Entity(), defaults.Reader.Duration("robustft.node.heartbeat-interval"));
            await using var node = await RobustFtNode.StartAsync(options, services =>
            {
                services.AddLogging();
                services.AddSingleton(new ModelDevice("cpu", model, embedder));
            }, CancellationToken.None);
            var settings = new RunSettings("method-run", input, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(input))),
                Path.Combine(directory, "out"), TaskProfiles.Resolve("arc"), method, ShippedDefaults.Config.Prompts(), ShippedDefaults.Config.Budgets(),
                0.0, 1.0, 0, model.ModelId, embedder.ModelId, null);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var run = await node.RunAsync(settings, null, timeout.Token);
            Assert.True(run.Phase == RunPhase.Completed, $"the run ended in {run.Phase}: {run.Message}");
            var outcomes = await node.Services.GetRequiredService<RunExporter>().OutcomesAsync(run.RunId, CancellationToken.None);
            var sagas = await node.Services.GetRequiredService<SampleReadModel>().ListAsync(run.RunId, ct: CancellationToken.None);
            var report = RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(settings.OutputDirectory, RunReport.FileName)));
            return new InProcessRun(run, outcomes, sagas, report);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
