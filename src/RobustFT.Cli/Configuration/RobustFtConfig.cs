using Microsoft.Extensions.Configuration;
using Npgsql;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Workers;
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
        var checker = _r.String("robustft.method.checker", "both-agree").ToLowerInvariant() switch
        {
            "both-agree" or "bothagree" => CheckerRule.BothAgree,
            "threshold" => CheckerRule.Threshold,
            "llm" => CheckerRule.Llm,
            var other => throw new UsageException($"configuration key robustft.method.checker: '{other}' is not one of both-agree, threshold, llm"),
        };
        var options = new MethodOptions(
            _r.Double("robustft.method.beta", 0.5),
            _r.Int("robustft.method.k", 3),
            checker,
            _r.Double("robustft.method.threshold", 1.0),
            _r.Int("robustft.method.reasoning-rounds", 1),
            _r.Long("robustft.method.seed", 42));
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

    public StepBudgets Budgets() => new(
        _r.Int("robustft.inference.generator.max-new-tokens.base", 64),
        _r.Int("robustft.inference.generator.max-new-tokens.reasoning", 384),
        _r.Int("robustft.inference.generator.max-new-tokens.checker", 16),
        _r.Int("robustft.inference.generator.max-new-tokens.context", 64),
        _r.Int("robustft.inference.generator.max-new-tokens.review", 32));

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
        };
    }

    public (double Temperature, double TopP, int TopK) Sampling() => (
        _r.Double("robustft.inference.generator.temperature", 0),
        _r.Double("robustft.inference.generator.top-p", 1),
        _r.Int("robustft.inference.generator.top-k", 0));

    /// <summary>Worker batching. With the generator on an OpenAI-compatible server, the worker runs enough batches at
    /// once to keep <c>robustft.inference.openai.max-concurrent-requests</c> in flight (twice the batches that fill
    /// it, so one finishing batch does not idle the server); the client still never exceeds that limit.</summary>
    public WorkerOptions Worker()
    {
        var maxBatch = _r.Int("robustft.inference.batching.max-batch-size", 32);
        var concurrent = _r.Int("robustft.inference.batching.concurrent-batches", 1);
        if (string.Equals(_r.String("robustft.inference.backend"), "openai", StringComparison.OrdinalIgnoreCase)
            && _r.Int("robustft.inference.openai.max-concurrent-requests", 0) is var inFlight and > 0 && maxBatch > 0)
            concurrent = Math.Max(concurrent, 2 * ((inFlight + maxBatch - 1) / maxBatch));
        return new WorkerOptions(
            maxBatch,
            _r.Int("robustft.inference.batching.max-batch-tokens", 16384),
            _r.Duration("robustft.inference.batching.max-wait", TimeSpan.FromMilliseconds(20)),
            concurrent);
    }

    public CoordinatorOptions Coordinator() => new(
        _r.Duration("robustft.coordinator.poll-interval", TimeSpan.FromMilliseconds(200)),
        _r.Duration("robustft.coordinator.redrive-after", TimeSpan.FromSeconds(60)),
        _r.Duration("robustft.coordinator.lease-ttl", TimeSpan.FromSeconds(15)));

    public TransportOptions Transport() => new(
        _r.String("robustft.transport.kind", "in-memory"),
        _r.String("robustft.transport.host", "127.0.0.1"),
        _r.Int("robustft.transport.port", 5672),
        _r.String("robustft.transport.virtual-host", "/"),
        _r.String("robustft.transport.username", "guest"),
        _r.String("robustft.transport.password", "guest"),
        _r.Bool("robustft.transport.quorum-queues", false),
        (ushort)_r.Int("robustft.transport.prefetch-count", 64));

    /// <summary>The store: SQLite (in <paramref name="outputDirectory"/> unless a path is configured) or PostgreSQL.</summary>
    public IDbConnectionFactory Store(string? outputDirectory)
    {
        var kind = _r.String("robustft.store.kind", "sqlite").ToLowerInvariant();
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
                    Host = _r.String("robustft.store.postgres.host", "127.0.0.1"),
                    Port = _r.Int("robustft.store.postgres.port", 5432),
                    Database = _r.String("robustft.store.postgres.database", "robustft"),
                    Username = _r.String("robustft.store.postgres.username", "robustft"),
                    Password = _r.String("robustft.store.postgres.password"),
                };
                return new PostgresConnectionFactory(b.ConnectionString, _r.Int("robustft.store.postgres.startup-attempts", 8))
                {
                    OnRetry = message => Console.Error.WriteLine($"warning: {message}"),
                };
            default:
                throw new UsageException($"configuration key robustft.store.kind: '{kind}' is not one of sqlite, postgres");
        }
    }

    public RuntimeOptions Runtime(NodeRoles roles, string? outputDirectory) => new(
        roles, Transport(), Store(outputDirectory), Worker(), Coordinator(), _r.Int("robustft.coordinator.saga-partitions", 64))
    {
        Identity = NodeIdentity.ForThisProcess(roles, ExecutionProvider(), _r.String("robustft.node.id")),
        HeartbeatInterval = _r.Duration("robustft.node.heartbeat-interval", TimeSpan.FromSeconds(2)),
    };

    /// <summary>The execution provider models run on (<c>robustft.inference.execution-provider</c>).</summary>
    public string ExecutionProvider() => _r.String("robustft.inference.execution-provider", "cpu").ToLowerInvariant();

    /// <summary>A node's roles: <paramref name="flag"/> (a --roles value) or <c>robustft.node.roles</c>.</summary>
    public NodeRoles Roles(string? flag)
    {
        var text = flag ?? _r.String("robustft.node.roles", "coordinator,sample,gpu,dashboard");
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
        var url = urlOverride ?? _r.String("robustft.dashboard.url", "http://127.0.0.1:8080");
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
