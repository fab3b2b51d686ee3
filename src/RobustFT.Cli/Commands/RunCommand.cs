using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RobustFT.Cli.Backends;
using RobustFT.Cli.Configuration;
using RobustFT.Cli.Output;
using RobustFT.Cli.Runs;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs;
using RobustFT.Core.Datasets;
using RobustFT.Core.Reports;
using RobustFT.Dashboard;
using Spectre.Console;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft run</c>: the whole method in one process (a one-node Akka.NET cluster with every role on
/// 127.0.0.1 and a free port, SQLite in the output directory). Rerunning the same command resumes an interrupted run; a second run on a directory that a live run
/// holds refuses (<see cref="OutputDirectoryLock"/>).</summary>
public static class RunCommand
{
    public static Command Create(IBackendProvider backends)
    {
        var config = CommonOptions.Config();
        var input = new Option<string>("--input", "-i") { Description = "Dataset (.csv or .jsonl) with question, answer, options", Required = true };
        var task = new Option<string>("--task", "-t") { Description = "Task profile: mmlu, arc, pubmedqa, fpb, convfinqa, drop or one from the config", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Output directory (exports, report, store)", Required = true };
        var runId = new Option<string?>("--run-id") { Description = "Run id (default: derived from input, task, config and models)" };
        var gold = new Option<string?>("--gold") { Description = "Clean labels (same layout) for detection and accuracy metrics in the report" };
        var dashboard = new Option<string?>("--dashboard")
        {
            Description = "Serve the dashboard while the run runs, at URL or robustft.dashboard.url (default http://127.0.0.1:8080)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var set = CommonOptions.Set();
        var command = new Command("run", "Clean a dataset with RobustFT in this process (resumable)") { config, input, task, output, runId, gold, dashboard, set };
        command.SetAction((parse, ct) => Cli.Guard(async () =>
        {
            var cfg = new RobustFtConfig(ConfigLoader.Load(parse.GetValue(config), parse.GetValue(set)));
            var settings = Settings(cfg, parse.GetValue(input)!, parse.GetValue(task)!, parse.GetValue(output)!, parse.GetValue(gold));
            using var hold = OutputDirectoryLock.Acquire(settings.OutputDirectory);
            await using var models = backends.CreateNode(cfg);
            settings = WithModels(settings, models.ModelIds, parse.GetValue(runId));
            var runtime = cfg.Runtime(NodeRoles.All, settings.OutputDirectory);
            runtime = runtime with { Cluster = runtime.Cluster with { SeedNodes = [] } };
            Console.Error.WriteLine($"run {settings.RunId}: {settings.InputPath} → {settings.OutputDirectory} (task {settings.Task.Name}, model {models.ModelIds.Generator})");

            await using var node = await RobustFtNode.StartAsync(runtime, services => Register(services, models, LogLevel.Warning), ct);
            await using var server = parse.GetResult(dashboard) is null ? null : await StartDashboardAsync(cfg, parse.GetValue(dashboard), node, ct);
            var final = await ProgressDisplay.RunAsync(progress => node.RunAsync(settings, progress, ct));
            return Summarise(final, settings);
        }));
        return command;
    }

    /// <summary>Validates the command's inputs and builds the run's settings; <see cref="WithModels"/> adds the model ids
    /// and the run id.</summary>
    public static RunSettings Settings(RobustFtConfig cfg, string input, string taskName, string output, string? gold)
    {
        if (!File.Exists(input)) throw new UsageException($"--input: file '{input}' not found");
        if (gold is not null && !File.Exists(gold)) throw new UsageException($"--gold: file '{gold}' not found");
        var ext = Path.GetExtension(input).ToLowerInvariant();
        if (ext is not (".csv" or ".jsonl" or ".ndjson")) throw new UsageException($"--input: '{input}' is neither .csv nor .jsonl");
        var task = cfg.Task(taskName);
        var method = cfg.Method();
        var (temperature, topP, topK) = cfg.Sampling();
        var inputPath = Path.GetFullPath(input);
        return new RunSettings("", inputPath, Sha256File(inputPath), Path.GetFullPath(output), task, method, cfg.Prompts(), cfg.Budgets(),
            temperature, topP, topK, "", "", gold is null ? null : Path.GetFullPath(gold));
    }

    public static RunSettings WithModels(RunSettings settings, (string Generator, string Encoder) modelIds, string? runId)
    {
        var s = settings with { ModelId = modelIds.Generator, EmbedderId = modelIds.Encoder };
        var id = runId ?? "run-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s.Fingerprint())))[..12];
        return s with { RunId = id };
    }

    /// <summary>Logging to stderr (RobustFT at <paramref name="level"/>, Information with ROBUSTFT_VERBOSE) and, on a node
    /// that serves inference, the models of each device.</summary>
    public static void Register(IServiceCollection services, NodeBackends? models, LogLevel level)
    {
        services.AddLogging(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("RobustFT", Environment.GetEnvironmentVariable("ROBUSTFT_VERBOSE") is { Length: > 0 } ? LogLevel.Information : level)
            .AddFilter("Akka", LogLevel.Warning)
            .AddFilter("Akka.Remote", LogLevel.Error)
            .AddFilter("Microsoft.Hosting", LogLevel.Warning));
        foreach (var device in models?.ForRuntime() ?? []) services.AddSingleton(device);
    }

    /// <summary>Starts the node's HTTP server (health, dashboard, API) at <paramref name="url"/> or the configured URL.</summary>
    public static async Task<DashboardServer> StartDashboardAsync(RobustFtConfig cfg, string? url, RobustFtNode node, CancellationToken ct)
    {
        var (address, token) = cfg.Dashboard(url);
        var options = new DashboardOptions(address, node.Options.Roles.HasFlag(NodeRoles.Dashboard), token)
        {
            StaleAfter = cfg.StaleAfter(),
            OtlpEndpoint = cfg.Reader.String("robustft.dashboard.otlp-endpoint") is { Length: > 0 } otlp
                ? Uri.TryCreate(otlp, UriKind.Absolute, out var uri) ? uri : throw new UsageException($"configuration key robustft.dashboard.otlp-endpoint: '{otlp}' is not a URL")
                : null,
        };
        try
        {
            var server = await DashboardServer.StartAsync(options, node.Services, () => node.IsReady, ct);
            Console.Error.WriteLine($"dashboard: {server.Address}{(token is null ? " (read-only: no control token configured)" : "")}");
            return server;
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot listen on {address}: {e.Message}", e);
        }
    }

    /// <summary>Prints the run's report (or why it failed); 0 when completed, 1 otherwise.</summary>
    public static int Summarise(RunRecord final, RunSettings settings)
    {
        var reportPath = Path.Combine(settings.OutputDirectory, RunReport.FileName);
        if (final.Phase != RunPhase.Completed && final.Phase != RunPhase.Cancelled)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]run {final.RunId} ended in phase {final.Phase}: {final.Message}[/]");
            return 1;
        }
        if (!File.Exists(reportPath))
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]run {final.RunId} ended in phase {final.Phase}, but {reportPath} is not readable here (the coordinator writes it)[/]");
            return final.Phase == RunPhase.Completed ? 0 : 1;
        }
        var report = RunReport.FromJson(File.ReadAllText(reportPath));
        RunSummary.Write(AnsiConsole.Console, report, settings.OutputDirectory);
        return final.Phase == RunPhase.Completed ? 0 : 1;
    }

    private static string Sha256File(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
