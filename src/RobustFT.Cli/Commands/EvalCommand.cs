using System.CommandLine;
using RobustFT.Cli.Configuration;
using RobustFT.Core.Datasets;
using RobustFT.Core.Evaluation;
using Spectre.Console;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft eval</c>: accuracy of model responses against gold labels, with the reference's semantics.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var gold = new Option<string>("--gold") { Description = "Gold dataset (.csv or .jsonl)", Required = true };
        var predictions = new Option<string>("--predictions") { Description = "JSONL with {\"id\", \"response\"} per line", Required = true };
        var task = new Option<string>("--task", "-t") { Description = "Task profile", Required = true };
        var match = CommonOptions.Match();
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("eval", "Score responses against gold labels") { gold, predictions, task, match, config, json };
        command.SetAction((parse, _) => Cli.Guard(() =>
        {
            var cfg = new RobustFtConfig(ConfigLoader.Load(parse.GetValue(config), null));
            var profile = cfg.Task(parse.GetValue(task)!);
            var goldPath = parse.GetValue(gold)!;
            var predictionsPath = parse.GetValue(predictions)!;
            if (!File.Exists(goldPath)) throw new UsageException($"--gold: file '{goldPath}' not found");
            if (!File.Exists(predictionsPath)) throw new UsageException($"--predictions: file '{predictionsPath}' not found");
            var goldSet = DatasetReader.Read(goldPath);
            var preds = PredictionReader.Read(predictionsPath);
            var result = PredictionEvaluator.Evaluate(goldSet.Samples, preds, profile, cfg.AnswerMatching(parse.GetValue(match)), predictionsPath);
            if (parse.GetValue(json)) Console.Out.Write(result.ToJson());
            else AnsiConsole.WriteLine($"accuracy {result.Accuracy:P2} ({result.Rows.Count(r => r.Correct)}/{result.Rows.Count})");
            return Task.FromResult(Cli.Ok);
        }));
        return command;
    }
}
