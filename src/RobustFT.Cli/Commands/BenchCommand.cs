using System.CommandLine;
using System.Text.Json;
using RobustFT.Cli.Backends;
using RobustFT.Cli.Configuration;
using RobustFT.Inference.Benchmarking;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft bench generate</c>: tokens/s of a decoder export through the generator and through raw ORT
/// calls of the same model, per batch size.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Decoder export directory (model.onnx + tokenizer.json)", Required = true };
        var batch = new Option<string>("--batch") { Description = "Batch sizes, comma-separated", DefaultValueFactory = _ => "1,8,32" };
        var prompt = new Option<int>("--prompt") { Description = "Prompt length in tokens", DefaultValueFactory = _ => 32 };
        var newTokens = new Option<int>("--new-tokens") { Description = "Tokens generated per row", DefaultValueFactory = _ => 64 };
        var repeats = new Option<int>("--repeats") { Description = "Repeats (best is kept)", DefaultValueFactory = _ => 3 };
        var mixed = new Option<int>("--mixed") { Description = "Also run a mixed-length workload of this many requests (prompts 16–256, answers 8–256 tokens) through static, iteration-level and continuous batching", DefaultValueFactory = _ => 0 };
        var rows = new Option<int>("--rows") { Description = "Rows decoding together in the mixed workload", DefaultValueFactory = _ => 16 };
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var json = CommonOptions.Json();
        var generate = new Command("generate", "Generation throughput: generator vs raw ONNX Runtime") { model, batch, prompt, newTokens, repeats, mixed, rows, config, set, json };
        generate.SetAction((parse, _) => Cli.Guard(() =>
        {
            var dir = parse.GetValue(model)!;
            if (!Directory.Exists(dir)) throw new UsageException($"--model: directory '{dir}' not found");
            int[] sizes;
            try { sizes = parse.GetValue(batch)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray(); }
            catch (FormatException) { throw new UsageException($"--batch: '{parse.GetValue(batch)}' is not a comma-separated list of numbers"); }
            if (sizes.Length == 0 || sizes.Any(s => s < 1)) throw new UsageException("--batch: every batch size must be at least 1");
            var cfg = new RobustFtConfig(ConfigLoader.Load(parse.GetValue(config), parse.GetValue(set)));
            var asJson = parse.GetValue(json);
            var results = OnnxBackendProvider.OpenWith(cfg, session => DecoderThroughputBench.Measure(dir, session, sizes, parse.GetValue(prompt), parse.GetValue(newTokens),
                parse.GetValue(repeats), asJson ? null : Console.Out));
            if (parse.GetValue(mixed) < 0 || parse.GetValue(rows) < 1) throw new UsageException("--mixed must be at least 0 and --rows at least 1");
            var mixedResults = parse.GetValue(mixed) > 0
                ? OnnxBackendProvider.OpenWith(cfg, session => DecoderThroughputBench.MeasureMixed(dir, session, parse.GetValue(mixed), parse.GetValue(rows), parse.GetValue(repeats), asJson ? null : Console.Out))
                : [];
            if (asJson)
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    results = results.Select(r => new { batch = r.Batch, promptTokens = r.PromptLength, newTokens = r.NewTokens, generatorTokensPerSecond = r.GeneratorTokensPerSecond, rawTokensPerSecond = r.RawTokensPerSecond, ratio = r.Ratio, outsideOrt = r.OutsideOrt }),
                    mixed = mixedResults.Select(m => new { mode = m.Mode, requests = m.Requests, runningRows = m.RunningRows, generatedTokens = m.GeneratedTokens, tokensPerSecond = m.TokensPerSecond, occupancy = m.Occupancy, calls = m.Calls, prefills = m.Prefills, admittedRows = m.AdmittedRows }),
                }, new JsonSerializerOptions { WriteIndented = true }));
            return Task.FromResult(Cli.Ok);
        }));
        return new Command("bench", "Benchmarks") { generate };
    }
}
