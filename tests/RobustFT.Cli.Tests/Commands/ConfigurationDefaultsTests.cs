using System.Text.Json;
using RobustFT.Cli.Configuration;
using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Answers;
using RobustFT.Core.Prompts;

namespace RobustFT.Cli.Tests.Commands;

/// <summary>Every default lives in hocon/robustft.conf: the typed configuration reads every key from it and makes up
/// none; the paper profile; <c>config show</c> and its <c>--json</c>.</summary>
public sealed class ConfigurationDefaultsTests
{
    private static RobustFtConfig Load(string? file = null, params string[] sets) =>
        new(ConfigLoader.Load(file, sets));

    [Fact]
    public void Every_typed_section_reads_from_the_shipped_defaults()
    {
        using var dir = new TempDir();
        var cfg = Load();

        cfg.Method();
        cfg.Budgets();
        cfg.Prompts();
        cfg.Sampling();
        cfg.Worker();
        cfg.Coordinator();
        cfg.Cluster();
        cfg.Entity();
        cfg.StaleAfter();
        cfg.StatusTimeout();
        var runtime = cfg.Runtime(cfg.Roles(null), dir.Path);
        Assert.Contains("\"max-concurrent-recoveries\": 256", runtime.Akka);
        Assert.Equal(AnswerMatching.Reference, cfg.Method().AnswerMatching);
        Assert.Equal(ReviewInput.Responses, cfg.Prompts().ReviewInput);
    }

    [Theory]
    [InlineData("robustft.method.k", "Method")]
    [InlineData("robustft.method.answer-matching", "Method")]
    [InlineData("robustft.inference.generator.max-new-tokens.review", "Budgets")]
    [InlineData("robustft.inference.batching.max-wait", "Worker")]
    [InlineData("robustft.coordinator.redrive-after", "Coordinator")]
    [InlineData("robustft.coordinator.release-per-look", "Coordinator")]
    [InlineData("robustft.coordinator.resend-after", "Coordinator")]
    [InlineData("robustft.cluster.persist-retry-after", "Entity")]
    [InlineData("robustft.cluster.waiting-entities-per-node", "Entity")]
    [InlineData("robustft.cluster.shards", "Cluster")]
    [InlineData("robustft.cluster.stable-after", "Cluster")]
    [InlineData("robustft.cluster.status-timeout", "StatusTimeout")]
    [InlineData("robustft.node.stale-after", "StaleAfter")]
    [InlineData("robustft.prompts.review-input", "Prompts")]
    public void A_key_missing_from_the_configuration_is_an_error_naming_it_not_a_default_made_up_in_code(string key, string section)
    {
        using var dir = new TempDir();
        var defaults = File.ReadAllText(ConfigLoader.DefaultsPath);
        var parent = key[..key.LastIndexOf('.')];
        var leaf = key[(key.LastIndexOf('.') + 1)..];
        // The shipped defaults with the key's value replaced by null, which the typed reader must treat as missing.
        var file = dir.File("without.conf");
        File.WriteAllText(file, defaults + $"\n{parent} {{ {leaf} = null }}\n");
        var cfg = new RobustFtConfig(ConfigLoader.Load(file, null, includeDefaults: false));

        Action read = section switch
        {
            "Method" => () => cfg.Method(),
            "Budgets" => () => cfg.Budgets(),
            "Worker" => () => cfg.Worker(),
            "Coordinator" => () => cfg.Coordinator(),
            "Cluster" => () => cfg.Cluster(),
            "Entity" => () => cfg.Entity(),
            "StatusTimeout" => () => cfg.StatusTimeout(),
            "StaleAfter" => () => cfg.StaleAfter(),
            "Prompts" => () => cfg.Prompts(),
            _ => throw new ArgumentOutOfRangeException(nameof(section)),
        };
        var e = Assert.Throws<UsageException>(read);
        Assert.Contains(key, e.Message);
    }

    [Theory]
    [InlineData("robustft.coordinator.release-per-look")]
    [InlineData("robustft.coordinator.max-live-samples")]
    public void A_wave_or_per_look_bound_below_one_is_an_error_naming_the_key(string key)
    {
        var e = Assert.Throws<UsageException>(() => Load(null, $"{key}=0").Coordinator());
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void A_negative_number_of_waiting_entities_is_an_error_naming_the_key_and_zero_passivates_them_all()
    {
        var e = Assert.Throws<UsageException>(() => Load(null, "robustft.cluster.waiting-entities-per-node=-1").Entity());
        Assert.Contains("robustft.cluster.waiting-entities-per-node", e.Message);
        Assert.Equal(0, Load(null, "robustft.cluster.waiting-entities-per-node=0").Entity().WaitingPerNode);
    }

    [Fact]
    public void The_onnx_generator_gate_runs_enough_calls_to_fill_its_continuous_batch_twice_while_the_embedder_keeps_concurrent_batches()
    {
        var onnx = Load(null, "robustft.inference.generator.max-running-rows=64", "robustft.inference.batching.max-batch-size=16").Worker();
        var openai = Load(null, "robustft.inference.backend=openai", "robustft.inference.openai.max-concurrent-requests=8",
            "robustft.inference.batching.max-batch-size=16").Worker();

        Assert.Equal(8, onnx.GenerationModelCalls);
        Assert.Equal(1, onnx.ConcurrentBatches);
        Assert.Equal(openai.ConcurrentBatches, openai.GenerationModelCalls);
    }

    [Fact]
    public void The_postgres_store_caps_its_pools_at_the_configured_size()
    {
        var store = Load(null, "robustft.store.kind=postgres", "robustft.store.postgres.max-pool-size=7").Store(null);

        // The same connection string feeds the node's own pool and Akka.Persistence's (AkkaSettings.Persistence).
        Assert.Equal(7, new Npgsql.NpgsqlConnectionStringBuilder(store.ConnectionString).MaxPoolSize);
        Assert.Equal(20, new Npgsql.NpgsqlConnectionStringBuilder(Load(null, "robustft.store.kind=postgres").Store(null).ConnectionString).MaxPoolSize);
    }

    [Fact]
    public void A_bad_answer_matching_or_review_input_value_names_the_key()
    {
        Assert.Contains("robustft.method.answer-matching", Assert.Throws<UsageException>(() => Load(null, "robustft.method.answer-matching=loose").Method()).Message);
        Assert.Contains("robustft.prompts.review-input", Assert.Throws<UsageException>(() => Load(null, "robustft.prompts.review-input=both").Prompts()).Message);
    }

    [Fact]
    public void The_paper_profile_has_the_reference_settings()
    {
        var cfg = Load(Path.Combine(Path.GetDirectoryName(ConfigLoader.DefaultsPath)!, "paper.conf"));

        var method = cfg.Method();
        Assert.Equal((AnswerMatching.Reference, 3, 0.5), (method.AnswerMatching, method.K, method.Beta));
        Assert.Equal(1.0, cfg.Sampling().Temperature);
        var budgets = cfg.Budgets();
        Assert.All(new[] { budgets.Base, budgets.Reasoning, budgets.Checker, budgets.Context, budgets.Review }, b => Assert.Equal(512, b));
        Assert.Equal(ReviewInput.Predictions, cfg.Prompts().ReviewInput);
    }

    [Fact]
    public async Task Config_show_prints_path_lines_and_with_json_one_json_document()
    {
        var lines = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), "config", "show", "--set", "robustft.method.answer-matching=lenient");
        var json = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), "config", "show", "--json");

        Assert.True(lines.ExitCode == 0, lines.ToString());
        Assert.Contains("robustft.method.answer-matching = \"lenient\"\n", lines.Stdout);
        Assert.Contains("robustft.method.k = 3\n", lines.Stdout);
        Assert.Contains("robustft.store.postgres.password = \"***\"\n", lines.Stdout);
        Assert.Contains("robustft.cluster.status-timeout = \"10s\"\n", lines.Stdout);
        Assert.Contains("akka.persistence.max-concurrent-recoveries = 256\n", lines.Stdout);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal("reference", doc.RootElement.GetProperty("robustft").GetProperty("method").GetProperty("answer-matching").GetString());
        Assert.Equal("WARNING", doc.RootElement.GetProperty("akka").GetProperty("loglevel").GetString());
    }
}
