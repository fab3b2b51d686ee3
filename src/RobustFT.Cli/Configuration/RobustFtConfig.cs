using Microsoft.Extensions.Configuration;
using Npgsql;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Workers;
using RobustFT.Core.Answers;
using RobustFT.Core.Method;
using RobustFT.Core.Prompts;
using RobustFT.Core.Tasks;

namespace RobustFT.Cli.Configuration;

/// <summary>The typed view of the <c>robustft.*</c> configuration.</summary>
public sealed class RobustFtConfig(LoadedConfig loaded)
{
    private readonly ConfigReader _r = new(loaded.Values);

    public LoadedConfig Loaded => loaded;
    public ConfigReader Reader => _r;

    public MethodOptions Method()
    {
        var checker = _r.Text("robustft.method.checker").ToLowerInvariant() switch
        {
            "both-agree" or "bothagree" => CheckerRule.BothAgree,
            "threshold" => CheckerRule.Threshold,
            "llm" => CheckerRule.Llm,
            var other => throw new UsageException($"configuration key robustft.method.checker: '{other}' is not one of both-agree, threshold, llm"),
        };
        var options = new MethodOptions(
            _r.Double("robustft.method.beta"),
            _r.Int("robustft.method.k"),
            checker,
            _r.Double("robustft.method.threshold"),
            _r.Int("robustft.method.reasoning-rounds"),
            _r.Long("robustft.method.seed"),
            AnswerMatching())
        {
            Ablations = new Ablations
            {
                NoSelection = _r.Bool("robustft.method.ablations.no-selection"),
                NoReasoning = _r.Bool("robustft.method.ablations.no-reasoning"),
                NoReview = _r.Bool("robustft.method.ablations.no-review"),
                NoContext = _r.Bool("robustft.method.ablations.no-context"),
                NoRelabeling = _r.Bool("robustft.method.ablations.no-relabeling"),
            },
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }
        return options;
    }

    /// <summary><c>robustft.method.answer-matching</c>, or <paramref name="flag"/> (an <c>eval --match</c> value) when given.</summary>
    public AnswerMatching AnswerMatching(string? flag = null) =>
        (flag ?? _r.Text("robustft.method.answer-matching")).ToLowerInvariant() switch
        {
            "reference" => Core.Answers.AnswerMatching.Reference,
            "lenient" => Core.Answers.AnswerMatching.Lenient,
            var other => throw new UsageException(
                $"{(flag is null ? "configuration key robustft.method.answer-matching" : "--match")}: '{other}' is not one of reference, lenient"),
        };

    public StepBudgets Budgets() => new(
        _r.Int("robustft.inference.generator.max-new-tokens.base"),
        _r.Int("robustft.inference.generator.max-new-tokens.reasoning"),
        _r.Int("robustft.inference.generator.max-new-tokens.checker"),
        _r.Int("robustft.inference.generator.max-new-tokens.context"),
        _r.Int("robustft.inference.generator.max-new-tokens.review"));

    public IReadOnlyList<TaskProfile> UserTasks()
    {
        var tasks = new List<TaskProfile>();
        foreach (var section in _r.Section("robustft.tasks").GetChildren())
        {
            var key = $"robustft.tasks.{section.Key}";
            var name = section["name"] is { Length: > 0 } n ? n : throw new UsageException($"configuration key {key}.name is missing");
            var kind = (section["kind"] ?? "multiple-choice").ToLowerInvariant() switch
            {
                "multiple-choice" => TaskKind.MultipleChoice,
                "numeric" => TaskKind.Numeric,
                "fuzzy" => TaskKind.Fuzzy,
                var other => throw new UsageException($"configuration key {key}.kind: '{other}' is not one of multiple-choice, numeric, fuzzy"),
            };
            tasks.Add(new TaskProfile(name, kind, section["question-type"] ?? "multi-choice", section["instruction"] ?? ""));
        }
        return tasks;
    }

    public TaskProfile Task(string name)
    {
        try
        {
            return TaskProfiles.Resolve(name, UserTasks());
        }
        catch (KeyNotFoundException e)
        {
            throw new UsageException($"--task: {e.Message}");
        }
    }

    public PromptTemplates Prompts()
    {
        var p = new PromptTemplates();
        string Get(string key, string fallback) => _r.String("robustft.prompts." + key) is { Length: > 0 } v ? v : fallback;
        return p with
        {
            Vanilla = Get("vanilla", p.Vanilla),
            Reasoning = Get("reasoning", p.Reasoning),
            Reflection = Get("reflection", p.Reflection),
            Context = Get("context", p.Context),
            Review = Get("review", p.Review),
            Checker = Get("checker", p.Checker),
            ReviewInput = _r.Text("robustft.prompts.review-input").ToLowerInvariant() switch
            {
                "responses" => Core.Prompts.ReviewInput.Responses,
                "predictions" => Core.Prompts.ReviewInput.Predictions,
                var other => throw new UsageException($"configuration key robustft.prompts.review-input: '{other}' is not one of responses, predictions"),
            },
        };
    }

    public (double Temperature, double TopP, int TopK) Sampling() => (
        _r.Double("robustft.inference.generator.temperature"),
        _r.Double("robustft.inference.generator.top-p"),
        _r.Int("robustft.inference.generator.top-k"));

    /// <summary>Worker batching. With the generator on an OpenAI-compatible server, the worker runs enough batches at
    /// once to keep <c>robustft.inference.openai.max-concurrent-requests</c> in flight (twice the batches that fill
    /// it, so one finishing batch does not idle the server); the client still never exceeds that limit. With the ONNX
    /// generator (continuous batching) the generation gate runs enough calls at once to fill twice
    /// <c>robustft.inference.generator.max-running-rows</c>, so requests arriving while a call decodes join its running
    /// batch; the embedder keeps <c>concurrent-batches</c>.</summary>
    public WorkerOptions Worker()
    {
        var maxBatch = _r.Int("robustft.inference.batching.max-batch-size");
        var concurrent = _r.Int("robustft.inference.batching.concurrent-batches");
        if (string.Equals(_r.String("robustft.inference.backend"), "openai", StringComparison.OrdinalIgnoreCase)
            && _r.Int("robustft.inference.openai.max-concurrent-requests") is var inFlight and > 0 && maxBatch > 0)
            concurrent = Math.Max(concurrent, 2 * ((inFlight + maxBatch - 1) / maxBatch));
        var generationCalls = 0;
        if (string.Equals(_r.String("robustft.inference.backend"), "onnx", StringComparison.OrdinalIgnoreCase) && maxBatch > 0)
        {
            var runningRows = _r.Int("robustft.inference.generator.max-running-rows");
            generationCalls = Math.Max(concurrent, 2 * Math.Max(1, (runningRows + maxBatch - 1) / maxBatch));
        }
        return new WorkerOptions(
            maxBatch,
            _r.Int("robustft.inference.batching.max-batch-tokens"),
            _r.Duration("robustft.inference.batching.max-wait"),
            concurrent) { GenerationCalls = generationCalls };
    }

    public CoordinatorOptions Coordinator() => new(
        _r.Duration("robustft.coordinator.poll-interval"),
        _r.Duration("robustft.coordinator.redrive-after"),
        AtLeastOne("robustft.coordinator.max-live-samples"),
        AtLeastOne("robustft.coordinator.release-per-look"),
        _r.Duration("robustft.coordinator.resend-after"));

    private int AtLeastOne(string key)
    {
        var n = _r.Int(key);
        return n >= 1 ? n : throw new UsageException($"configuration key {key}: {n} is not at least 1");
    }

    private int NotNegative(string key)
    {
        var n = _r.Int(key);
        return n >= 0 ? n : throw new UsageException($"configuration key {key}: {n} is negative");
    }

    /// <summary>Cluster formation (<c>robustft.cluster.*</c>).</summary>
    public ClusterFormation Cluster()
    {
        var seeds = _r.Section("robustft.cluster.seed-nodes").GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0).ToList();
        foreach (var seed in seeds)
        {
            try
            {
                ClusterAddresses.Seed(seed);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message, e);
            }
        }
        var port = _r.Int("robustft.cluster.port");
        if (port is < 0 or > 65535) throw new UsageException($"configuration key robustft.cluster.port: {port} is not 0-65535");
        var shards = _r.Int("robustft.cluster.shards");
        if (shards < 1) throw new UsageException($"configuration key robustft.cluster.shards: {shards} is not a positive number");
        return new ClusterFormation(
            _r.Text("robustft.cluster.hostname"),
            _r.String("robustft.cluster.public-hostname") ?? "",
            port,
            seeds,
            shards,
            _r.Duration("robustft.cluster.stable-after"));
    }

    /// <summary>How long <c>robustft status</c> waits for a seed node's cluster view (<c>robustft.cluster.status-timeout</c>).</summary>
    public TimeSpan StatusTimeout() => _r.Duration("robustft.cluster.status-timeout");

    public SampleEntityOptions Entity() => new(_r.Duration("robustft.cluster.request-timeout"), _r.Duration("robustft.cluster.persist-retry-after"),
        NotNegative("robustft.cluster.waiting-entities-per-node"));

    /// <summary>The store: SQLite (in <paramref name="outputDirectory"/> unless a path is configured) or PostgreSQL.</summary>
    public IDbConnectionFactory Store(string? outputDirectory)
    {
        var kind = _r.Text("robustft.store.kind").ToLowerInvariant();
        switch (kind)
        {
            case "sqlite":
                var path = _r.String("robustft.store.sqlite-path") is { Length: > 0 } p ? p
                    : outputDirectory is not null ? Path.Combine(outputDirectory, "robustft.db")
                    : throw new UsageException("configuration key robustft.store.sqlite-path is empty and no --output directory is given");
                return new SqliteConnectionFactory(path);
            case "postgres":
                var b = new NpgsqlConnectionStringBuilder
                {
                    Host = _r.Text("robustft.store.postgres.host"),
                    Port = _r.Int("robustft.store.postgres.port"),
                    Database = _r.Text("robustft.store.postgres.database"),
                    Username = _r.Text("robustft.store.postgres.username"),
                    Password = _r.String("robustft.store.postgres.password"),
                    MaxPoolSize = _r.Int("robustft.store.postgres.max-pool-size"),
                };
                return new PostgresConnectionFactory(b.ConnectionString, _r.Int("robustft.store.postgres.startup-attempts"))
                {
                    OnRetry = message => Console.Error.WriteLine($"warning: {message}"),
                };
            default:
                throw new UsageException($"configuration key robustft.store.kind: '{kind}' is not one of sqlite, postgres");
        }
    }

    public RuntimeOptions Runtime(NodeRoles roles, string? outputDirectory) => new(
        roles, Cluster(), Store(outputDirectory), Worker(), Coordinator(), Entity(), _r.Duration("robustft.node.heartbeat-interval"))
    {
        Identity = NodeIdentity.ForThisProcess(roles, Provider(), _r.String("robustft.node.id")),
        Akka = AkkaSettings.FromTree(loaded.Tree),
        StaleAfter = StaleAfter(),
    };

    /// <summary>What a GPU node's models run on, as its workers report it: "openai" (generator on an OpenAI-compatible
    /// server), else <c>robustft.inference.execution-provider</c> ("cpu" or "cuda").</summary>
    public string Provider() =>
        string.Equals(_r.String("robustft.inference.backend"), "openai", StringComparison.OrdinalIgnoreCase) ? "openai" : ExecutionProvider();

    public const string DeviceIdsKey = "robustft.inference.device-ids";
    public const string DeviceIdKey = "robustft.inference.device-id";

    /// <summary>The CUDA devices a GPU node serves with execution-provider = cuda, one GPU worker and one model set each:
    /// <c>robustft.inference.device-ids</c> (a list; one id without brackets is a list of one), or, when that list is
    /// empty, the one device <c>robustft.inference.device-id</c>. An id that is not a whole number of 0 or more, or an id
    /// listed twice, is an error naming the key.</summary>
    public IReadOnlyList<int> CudaDeviceIds()
    {
        var section = _r.Section(DeviceIdsKey);
        var items = section.GetChildren().Select(c => c.Value ?? "").ToList();
        if (items.Count == 0 && !string.IsNullOrWhiteSpace(section.Value)) items = [section.Value];
        if (items.Count == 0) return [DeviceId(DeviceIdKey, _r.Text(DeviceIdKey))];
        var ids = items.Select(item => DeviceId(DeviceIdsKey, item)).ToList();
        if (ids.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new UsageException($"configuration key {DeviceIdsKey}: device {twice.Key} is listed {twice.Count()} times (one GPU worker per device)");
        return ids;
    }

    private static int DeviceId(string key, string text) =>
        int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id
            : throw new UsageException($"configuration key {key}: '{text}' is not a CUDA device id (a whole number, 0 or more)");

    /// <summary>How long a GPU worker may go without publishing its status before the dispatchers give it up and the
    /// dashboard and status show it stale; also how long submit waits before warning that a run does not move
    /// (<c>robustft.node.stale-after</c>).</summary>
    public TimeSpan StaleAfter() => _r.Duration("robustft.node.stale-after");

    /// <summary>The execution provider models run on (<c>robustft.inference.execution-provider</c>).</summary>
    public string ExecutionProvider() => _r.Text("robustft.inference.execution-provider").ToLowerInvariant();

    /// <summary>A node's roles: <paramref name="flag"/> (a --roles value) or <c>robustft.node.roles</c>.</summary>
    public NodeRoles Roles(string? flag)
    {
        var text = flag ?? _r.Text("robustft.node.roles");
        var roles = NodeRoles.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles |= part.ToLowerInvariant() switch
            {
                "coordinator" => NodeRoles.Coordinator,
                "sample" => NodeRoles.Sample,
                "gpu" => NodeRoles.Gpu,
                "dashboard" => NodeRoles.Dashboard,
                "all" => NodeRoles.All,
                _ => throw new UsageException($"{(flag is null ? "configuration key robustft.node.roles" : "--roles")}: '{part}' is not one of coordinator, sample, gpu, dashboard, all"),
            };
        }
        if (roles == NodeRoles.None) throw new UsageException("--roles: no role given");
        return roles;
    }

    /// <summary>The node's HTTP endpoint and dashboard; the control token comes from <c>robustft.dashboard.token</c>
    /// (set from ROBUSTFT_DASHBOARD_TOKEN) or the file named by <c>robustft.dashboard.token-file</c>.</summary>
    public (string Url, string? Token) Dashboard(string? urlOverride = null)
    {
        var url = urlOverride ?? _r.Text("robustft.dashboard.url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UsageException($"dashboard URL '{url}' is not an http:// address");
        var token = _r.String("robustft.dashboard.token");
        var file = _r.String("robustft.dashboard.token-file");
        if (string.IsNullOrEmpty(token) && !string.IsNullOrEmpty(file))
        {
            if (!File.Exists(file)) throw new UsageException($"configuration key robustft.dashboard.token-file: file '{file}' not found");
            token = File.ReadAllText(file).Trim();
        }
        try
        {
            return (url, RobustFT.Dashboard.Security.DashboardToken.Resolve(token));
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException(e.Message, e);
        }
    }
}
