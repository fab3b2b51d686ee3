using Dapper;
using RobustFT.Cli.Tests.Support;
using RobustFT.Cluster.Persistence;
using RobustFT.Core.Datasets;
using RobustFT.Core.Demo;
using RobustFT.Core.Reports;
using RobustFT.Testing.Data;
using RobustFT.Testing.OpenAi;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>Whole runs of the real <c>robustft</c> process with the <c>openai</c> backend against an OpenAI-compatible
/// server on 127.0.0.1 answering like the scripted expert.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OpenAiBackendRunTests
{
    [Fact]
    public async Task Run_through_an_openai_server_detects_and_relabels_exactly_like_the_scripted_in_process_backend()
    {
        using var dir = new TempDir();
        var gold = SharedData.File("arc", "labeled.csv");
        var scripted = await ScriptedRun.RunToEndAsync("arc", "noisy30.csv", dir.File("scripted"));
        await using var server = await OpenAiRun.StartServerAsync(gold);

        string[] args = [.. OpenAiRun.RunArgs(server.BaseUrl, SharedData.File("arc", "noisy30.csv"), dir.File("openai"), gold),
            "--set", "robustft.inference.openai.max-concurrent-requests=6", "--set", "robustft.inference.batching.concurrent-batches=4"];
        var result = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(8), args);

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(dir.File("openai"), RunReport.FileName)));
        Assert.Equal(scripted.Samples, report.Samples);
        Assert.Equal(0, report.Faulted);
        Assert.Equal(scripted.Clean, report.Clean);
        Assert.Equal(scripted.Selected, report.Selected);
        Assert.Equal(scripted.Detection!.Precision, report.Detection!.Precision);
        Assert.Equal(scripted.Detection.Recall, report.Detection.Recall);
        Assert.Equal(scripted.LabelAccuracy!.Exported, report.LabelAccuracy!.Exported);
        // Every generation went over HTTP with logprobs, every question was embedded by the server.
        var questions = DatasetReader.Read(SharedData.File("arc", "noisy30.csv")).Samples.Select(s => s.Question).ToHashSet();
        Assert.True(questions.SetEquals(server.EmbeddedTexts), "the server should have embedded every question, and only those");
        Assert.True(server.Answered.Count >= 2 * report.Samples, $"{server.Answered.Count} chat completions for {report.Samples} samples");
        Assert.All(server.Answered, c => Assert.True(c.Body["logprobs"]!.GetValue<bool>()));
        Assert.InRange(server.MaxInFlight, 2, 6); // concurrent, never above max-concurrent-requests
    }

    [Fact]
    public async Task Killed_openai_run_resumes_asking_the_server_only_what_was_not_answered()
    {
        using var dir = new TempDir();
        var gold = SharedData.File("arc", "labeled.csv");
        var input = await ScriptedRun.ArcSliceAsync(dir.File("arc300.csv"), 300);
        await using var server = await OpenAiRun.StartServerAsync(gold);
        server.Delay = TimeSpan.FromMilliseconds(15);
        var output = dir.File("out");
        var args = OpenAiRun.RunArgs(server.BaseUrl, input, output, gold);

        using (var process = OpenAiRun.Cli().Start(args))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (server.Answered.Count < 250)
            {
                Assert.False(process.HasExited, "the run ended before it was killed");
                Assert.True(DateTime.UtcNow < deadline, "the server never answered 250 requests");
                await Task.Delay(10);
            }
            process.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs
            await process.WaitForExitAsync();
            Assert.True(process.HasExited);
        }
        await Task.Delay(500); // let the server finish what the dead process had asked
        var cachedAtKill = await CacheEntriesAsync(output);
        var callsBefore = server.Calls.Count;
        var receivedBefore = server.Received.Count;
        Assert.True(cachedAtKill > 0, "nothing was cached before the kill");

        var resumed = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(5), args);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var report = RunReport.FromJson(await File.ReadAllTextAsync(Path.Combine(output, RunReport.FileName)));
        Assert.Equal(300, report.Samples);
        Assert.Equal(0, report.Faulted);
        var second = server.Calls.Skip(callsBefore).ToList();
        var chat = server.Received.Skip(receivedBefore).Select(c => (c.SampleId, c.Step)).ToList();
        var embedded = second.Where(c => c.Path == "embeddings").SelectMany(c => c.Body["input"]!.AsArray().Select(n => n!.GetValue<string>())).ToList();
        Assert.Equal(chat.Count, chat.Distinct().Count());
        // The cache ends with one entry per distinct request; the resumed run asked for exactly those it did not hold.
        var cachedAtEnd = await CacheEntriesAsync(output);
        Assert.True(cachedAtEnd - cachedAtKill == chat.Count + embedded.Distinct().Count(),
            $"cache {cachedAtKill} at the kill, {cachedAtEnd} at the end; the resumed run asked {chat.Count} completions and {embedded.Count} embeddings ({embedded.Distinct().Count()} distinct texts); first run: {callsBefore} calls, {server.Calls.Take(callsBefore).Count(c => c.Path == "embeddings")} embedding calls; report: {report.CacheHits} hits");
        // Finished work was not redone: the resumed run asked for only part of the run's requests. (Cache hits are not
        // asserted: a hit needs a kill between an answer's cache write and its sample's next state, a narrow window.)
        var distinct = server.Received.Select(c => (c.SampleId, c.Step)).Distinct().Count();
        Assert.True(chat.Count < distinct, $"the resumed run asked {chat.Count} of the run's {distinct} distinct completions");
    }

    [Fact]
    public async Task In_a_run_retried_answers_complete_their_samples_and_timeouts_or_malformed_answers_fault_only_theirs()
    {
        using var dir = new TempDir();
        var gold = SharedData.File("arc", "labeled.csv");
        var input = await ScriptedRun.ArcSliceAsync(dir.File("arc60.csv"), 60);
        var rows = ScriptedRun.ArcSlice(60);
        await using var server = await OpenAiRun.StartServerAsync(gold);
        server.Inject(rows[1].Id, "base", new OpenAiFault(OpenAiFaultKind.RateLimited, Times: 1, RetryAfterSeconds: 1));
        server.Inject(rows[2].Id, "base", new OpenAiFault(OpenAiFaultKind.ServerError, Times: 2));
        server.Inject(rows[3].Id, "base", new OpenAiFault(OpenAiFaultKind.Slow, Delay: TimeSpan.FromSeconds(10)));
        server.Inject(rows[4].Id, "base", new OpenAiFault(OpenAiFaultKind.NoLogprobs));
        server.Inject(rows[5].Id, "base", new OpenAiFault(OpenAiFaultKind.InvalidJson));

        var result = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(3),
            [.. OpenAiRun.RunArgs(server.BaseUrl, input, dir.File("out"), gold), "--set", "robustft.inference.openai.timeout=3s"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = RunReport.FromJson(await File.ReadAllTextAsync(dir.File("out/" + RunReport.FileName)));
        Assert.Equal(60, report.Samples);
        Assert.Equal(3, report.Faulted);
        using var reader = new StreamReader(dir.File("out/" + TrainingExporter.SamplesFileName));
        var records = new CsvParser(reader).Records().ToList();
        var header = records[0].Fields.ToList();
        string Field(int row, string column) => records.Single(r => r.Fields[0] == rows[row].Id).Fields[header.IndexOf(column)];
        Assert.NotEqual("Faulted", Field(1, "state"));
        Assert.NotEqual("Faulted", Field(2, "state"));
        Assert.Equal([429, 200], server.Calls.Where(c => c.SampleId == rows[1].Id && c.Step == "base").Select(c => c.Status));
        Assert.Equal([500, 500, 200], server.Calls.Where(c => c.SampleId == rows[2].Id && c.Step == "base").Select(c => c.Status));
        foreach (var (row, reason) in new[] { (3, "no answer within the timeout"), (4, "no logprobs"), (5, "not valid JSON") })
        {
            Assert.Equal("Faulted", Field(row, "state"));
            Assert.Contains(reason, Field(row, "fault"));
        }
    }

    [Fact]
    public async Task Malformed_embeddings_answer_faults_the_samples_of_that_request_with_the_reason_and_the_run_goes_on()
    {
        using var dir = new TempDir();
        var gold = SharedData.File("arc", "labeled.csv");
        var input = await ScriptedRun.ArcSliceAsync(dir.File("arc60.csv"), 60);
        var rows = ScriptedRun.ArcSlice(60);
        await using var server = await OpenAiRun.StartServerAsync(gold);
        server.BreakEmbeddingOf(rows[7].Question);

        var result = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(3), OpenAiRun.RunArgs(server.BaseUrl, input, dir.File("out"), gold));

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = RunReport.FromJson(await File.ReadAllTextAsync(dir.File("out/" + RunReport.FileName)));
        Assert.Equal(60, report.Samples);
        var brokenCall = Assert.Single(server.Calls, c => c.Path == "embeddings" && c.Body["input"]!.AsArray().Any(n => n!.GetValue<string>() == rows[7].Question));
        var faultedTexts = brokenCall.Body["input"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
        Assert.Equal(rows.Count(r => faultedTexts.Contains(r.Question)), report.Faulted);
        Assert.True(report.Faulted < 60, "only the samples of the broken request fault");
        using var reader = new StreamReader(dir.File("out/" + TrainingExporter.SamplesFileName));
        var records = new CsvParser(reader).Records().ToList();
        var header = records[0].Fields.ToList();
        var row7 = records.Single(r => r.Fields[0] == rows[7].Id);
        Assert.Equal("Faulted", row7.Fields[header.IndexOf("state")]);
        Assert.Contains("not valid JSON", row7.Fields[header.IndexOf("fault")]);
    }

    private static async Task<long> CacheEntriesAsync(string output)
    {
        await using var connection = await new SqliteConnectionFactory(Path.Combine(output, "robustft.db")).OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inference_cache");
    }
}
